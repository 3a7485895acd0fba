// What a note form sends and what it gets back: the schemas (zod, at the edge of every
// note action) and the states the forms render. Plain data, shared with client islands.
import { z } from "zod";

export const maxNoteLength = 10_000;

/** Browsers send textarea line breaks as CRLF; notes keep LF, and no blank edges. */
const noteBody = z
  .string("Write the note.")
  .transform((v) => v.replace(/\r\n?/g, "\n").trim())
  .pipe(
    z
      .string()
      .min(1, "Write something before saving.")
      .max(maxNoteLength, `A note can be at most ${maxNoteLength.toLocaleString("en-US")} characters.`),
  );
const id = z.string("Missing id.").trim().min(1, "Missing id.").max(64, "Malformed id.").regex(/^[A-Za-z0-9_-]+$/, "Malformed id.");
const version = z.coerce.number("Missing version.").int("Malformed version.").positive("Malformed version.").max(2 ** 31 - 1);

export const addNoteInput = z.object({ contactId: id, body: noteBody });
export const editNoteInput = z.object({ noteId: id, version, body: noteBody });
export const noteRefInput = z.object({ noteId: id });

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

/**
 * Form fields as the schemas read them: each field once, as text. A server action can
 * be called with anything, so a missing or non-form argument reads as an empty form.
 */
export function formFields(formData: unknown, names: readonly string[]): Record<string, string | undefined> {
  const fields: Record<string, string | undefined> = {};
  for (const name of names) {
    const value = formData instanceof FormData ? formData.get(name) : null;
    fields[name] = typeof value === "string" ? value : undefined;
  }
  return fields;
}
