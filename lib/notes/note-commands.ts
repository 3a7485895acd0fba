// The note actions' work, apart from Next.js: parse the form, check permission, change
// the note (and its audit trail), and describe the outcome for the form. The server
// actions in app/admin/contacts/[id]/actions.ts check the session, call these, and
// revalidate the page. Tested against the real database.
import "server-only";
import type { Staff } from "@/lib/auth/sessions";
import { canDeleteNote, canEditNote, canRestoreNote, noteUndoWindowMs } from "@/lib/auth/permissions";
import { addNote, editNote, findNote, restoreNote, softDeleteNote, type NoteRecord } from "@/lib/db/notes";
import { findContactIdById } from "@/lib/db/contacts";
import { formFields } from "@/lib/http/form-fields";
import { isDatabaseUnavailable, logDatabaseUnavailable } from "@/lib/db/unavailable";
import { addNoteInput, editNoteInput, noteRefInput } from "./note-form";
import type { NoteFormState } from "./note-form-state";

/** A command's state for the form, and the contact whose page shows the change. */
export type CommandResult = { state: NoteFormState; contactId: string | null };

function authorName(note: NoteRecord): string | null {
  return note.author ? (note.author.name ?? note.author.email) : null;
}

function firstError(issues: { path: PropertyKey[]; message: string }[], field: string): string | undefined {
  return issues.find((i) => i.path[0] === field)?.message;
}

const unavailableMessage = "CRM Bridge data is unavailable right now, so nothing was saved. Try again in a moment.";

/**
 * Runs a save, and when the database is unavailable (down, or locked past the retries of
 * lib/db/locked-writes.ts) answers the form with what was typed and a line saying so,
 * instead of an error page that would lose the text.
 */
async function keepingTheText(typed: string, save: () => Promise<CommandResult>): Promise<CommandResult> {
  try {
    return await save();
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    logDatabaseUnavailable("note form", error);
    return { state: { status: "invalid", errors: { form: unavailableMessage }, body: typed }, contactId: null };
  }
}

const goneMessage = "This note was deleted, so it cannot be changed. Reload the page to see the current notes.";

export async function addNoteCommand(staff: Staff, formData: FormData): Promise<CommandResult> {
  const fields = formFields(formData, ["contactId", "body"]);
  const parsed = addNoteInput.safeParse(fields);
  if (!parsed.success) {
    const body = firstError(parsed.error.issues, "body");
    const form = body ? undefined : "This form is out of date. Reload the page and try again.";
    return { state: { status: "invalid", errors: { body, form }, body: fields.body ?? "" }, contactId: null };
  }
  const input = parsed.data;
  return keepingTheText(fields.body ?? "", async () => {
    const contactId = await findContactIdById(input.contactId);
    if (!contactId) {
      return {
        state: { status: "invalid", errors: { form: "This contact no longer exists." }, body: fields.body ?? "" },
        contactId: null,
      };
    }
    const note = await addNote({ contactId, authorId: staff.id, body: input.body });
    return { state: { status: "saved", version: note.version, savedAt: note.createdAt.toISOString() }, contactId };
  });
}

export async function editNoteCommand(staff: Staff, formData: FormData): Promise<CommandResult> {
  const fields = formFields(formData, ["noteId", "version", "body"]);
  const parsed = editNoteInput.safeParse(fields);
  if (!parsed.success) {
    const body = firstError(parsed.error.issues, "body");
    const form = body ? undefined : "This form is out of date. Reload the page and try again.";
    return { state: { status: "invalid", errors: { body, form }, body: fields.body ?? "" }, contactId: null };
  }
  const input = parsed.data;
  return keepingTheText(fields.body ?? "", () => saveEdit(staff, input));
}

async function saveEdit(
  staff: Staff,
  input: { noteId: string; version: number; body: string },
): Promise<CommandResult> {
  const existing = await findNote(input.noteId);
  if (!existing || !canEditNote(staff, existing)) {
    return { state: { status: "gone", message: goneMessage }, contactId: existing?.contactId ?? null };
  }
  const outcome = await editNote({
    noteId: existing.id,
    expectedVersion: input.version,
    body: input.body,
    actorId: staff.id,
  });
  switch (outcome.kind) {
    case "saved":
      return {
        state: { status: "saved", version: outcome.note.version, savedAt: outcome.note.updatedAt.toISOString() },
        contactId: outcome.note.contactId,
      };
    case "conflict":
      return {
        state: {
          status: "conflict",
          mine: input.body,
          theirs: {
            body: outcome.current.body,
            version: outcome.current.version,
            author: authorName(outcome.current),
            updatedAt: outcome.current.updatedAt.toISOString(),
          },
        },
        contactId: outcome.current.contactId,
      };
    case "gone":
      return { state: { status: "gone", message: goneMessage }, contactId: outcome.note?.contactId ?? null };
  }
}

/** Soft-deletes a note; returns its contact (null when there was nothing to delete). */
export async function deleteNoteCommand(staff: Staff, formData: FormData): Promise<string | null> {
  const parsed = noteRefInput.safeParse(formFields(formData, ["noteId"]));
  if (!parsed.success) return null;
  const note = await findNote(parsed.data.noteId);
  if (!note || !canDeleteNote(staff, note)) return null;
  const outcome = await softDeleteNote({ noteId: parsed.data.noteId, actorId: staff.id });
  return outcome.kind === "deleted" ? outcome.note.contactId : null;
}

/** Undoes a deletion while its undo window is open; returns the note's contact when restored. */
export async function restoreNoteCommand(
  staff: Staff,
  formData: FormData,
  now: Date = new Date(),
): Promise<string | null> {
  const parsed = noteRefInput.safeParse(formFields(formData, ["noteId"]));
  if (!parsed.success) return null;
  const note = await findNote(parsed.data.noteId);
  if (!note || !canRestoreNote(staff, note, now)) return null;
  const outcome = await restoreNote({
    noteId: parsed.data.noteId,
    actorId: staff.id,
    deletedSince: new Date(now.getTime() - noteUndoWindowMs),
  });
  return outcome.kind === "restored" ? outcome.note.contactId : null;
}
