// What a note form sends: the schemas at the edge of every note action (server only;
// what the forms render is in note-form-state.ts, light enough for client islands).
import { z } from "zod";
import { maxNoteLength } from "./note-form-state";

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
const id = z
  .string("Missing id.")
  .trim()
  .min(1, "Missing id.")
  .max(64, "Malformed id.")
  .regex(/^[A-Za-z0-9_-]+$/, "Malformed id.");
const version = z.coerce
  .number("Missing version.")
  .int("Malformed version.")
  .positive("Malformed version.")
  .max(2 ** 31 - 1);

export const addNoteInput = z.object({ contactId: id, body: noteBody });
export const editNoteInput = z.object({ noteId: id, version, body: noteBody });
export const noteRefInput = z.object({ noteId: id });
