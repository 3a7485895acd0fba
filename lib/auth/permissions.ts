// What a signed-in staff member may do, as small named predicates. Every staff member
// works on the same contacts and notes (the audit trail records who did what); the
// rules are about the state of the thing acted on.

export type StaffRef = { id: string };
export type NoteState = { deletedAt: Date | null };

/** How long a deleted note can still be brought back from the contact page. */
export const noteUndoWindowMs = 15 * 60 * 1000;

export function canEditNote(staff: StaffRef | null, note: NoteState): boolean {
  return staff !== null && note.deletedAt === null;
}

export function canDeleteNote(staff: StaffRef | null, note: NoteState): boolean {
  return staff !== null && note.deletedAt === null;
}

/** A deleted note may be restored while its undo window is open. */
export function canRestoreNote(staff: StaffRef | null, note: NoteState, now: Date = new Date()): boolean {
  return staff !== null && note.deletedAt !== null && now.getTime() - note.deletedAt.getTime() < noteUndoWindowMs;
}
