// What a note form gets back from its action, and the limits it shows. Plain types and
// constants, imported by the client islands (no zod, no server code).

export const maxNoteLength = 10_000;

export type TheirVersion = { body: string; version: number; author: string | null; updatedAt: string };

export type NoteFormState =
  | { status: "idle" }
  /** nothing saved: `errors` are shown beside their fields, `body` is what was typed */
  | { status: "invalid"; errors: { body?: string; form?: string }; body: string }
  | { status: "saved"; version: number; savedAt: string }
  /** someone saved a newer version first: both texts, so the author can choose */
  | { status: "conflict"; mine: string; theirs: TheirVersion }
  /** the note was deleted (or never existed) */
  | { status: "gone"; message: string };

export const idleNoteForm: NoteFormState = { status: "idle" };
