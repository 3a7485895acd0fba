"use client";
// One note with its edit and delete controls. An edit is saved over the version it
// started from; when someone saved a newer version meanwhile, both texts are shown and
// the author chooses: save theirs over, or continue from the other version.
import { useActionState, useEffect, useRef, useState } from "react";
import { idleNoteForm, maxNoteLength, type NoteFormState } from "@/lib/notes/note-form-state";
import { formatDateTime, isoDate } from "@/lib/contacts/format";
import { FieldError } from "@/components/admin/field-error";
import { buttonDanger, buttonPrimary, buttonQuiet, buttonSecondary, field } from "@/components/ui/styles";
import type { NoteView } from "./note-view";
import { useNoteActivity } from "./note-activity";

type EditAction = (state: NoteFormState, formData: FormData) => Promise<NoteFormState>;
type PlainAction = (formData: FormData) => Promise<void>;

/** What the editor starts from: the text shown in it and the version it will be saved over. */
type Draft = { text: string; version: number; generation: number };

export function NoteCard({
  note,
  editAction,
  deleteAction,
}: {
  note: NoteView;
  editAction: EditAction;
  deleteAction: PlainAction;
}) {
  const [state, formAction, pending] = useActionState(editAction, idleNoteForm);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState<Draft>({ text: note.body, version: note.version, generation: 0 });
  const [seen, setSeen] = useState(state);
  const [conflictOpen, setConflictOpen] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const { report, takeRestore } = useNoteActivity();

  // Back from an Undo: the restore is confirmed here, where the note reappears.
  useEffect(() => {
    if (takeRestore(note.id)) report("Note restored.");
  }, [takeRestore, report, note.id]);
  useEffect(() => {
    if (state !== idleNoteForm) report(state.status === "saved" ? "Note saved." : null);
  }, [state, report]);

  // React to each new answer once.
  if (seen !== state) {
    setSeen(state);
    if (state.status === "saved") setEditing(false);
    if (state.status === "invalid") setDraft((d) => ({ ...d, text: state.body, generation: d.generation + 1 }));
    if (state.status === "conflict") {
      setConflictOpen(true);
      setDraft((d) => ({ ...d, text: state.mine, generation: d.generation + 1 }));
    }
  }

  function startEditing() {
    setDraft((d) => ({ text: note.body, version: note.version, generation: d.generation + 1 }));
    setConflictOpen(false);
    setEditing(true);
  }

  function stopEditing() {
    setEditing(false);
    setConflictOpen(false);
    requestAnimationFrame(() => editButton.current?.focus());
  }

  const error = state.status === "invalid" && editing ? state.errors : {};
  const message = error.body ?? error.form;
  const conflict = state.status === "conflict" && conflictOpen && editing ? state : null;
  const errorId = `note-${note.id}-error`;
  const stamp = (
    <p className="mt-2 text-xs text-gray-600 dark:text-gray-400">
      {note.author ?? "Unknown author"} ·{" "}
      <time dateTime={isoDate(note.createdAt)}>{formatDateTime(note.createdAt)}</time>
      {note.edited ? (
        <>
          {" "}
          · edited <time dateTime={isoDate(note.updatedAt)}>{formatDateTime(note.updatedAt)}</time>
        </>
      ) : null}
    </p>
  );

  if (!editing) {
    return (
      <article
        aria-label={`Note by ${note.author ?? "unknown author"}`}
        className="group rounded-lg border border-gray-200 bg-white p-3 dark:border-gray-800 dark:bg-gray-900"
        data-testid="note"
        data-note-id={note.id}
      >
        <p className="whitespace-pre-wrap break-words text-sm">{note.body}</p>
        <div className="flex flex-wrap items-end justify-between gap-2">
          {stamp}
          <div className="flex gap-1">
            <button ref={editButton} type="button" className={buttonQuiet} onClick={startEditing}>
              Edit
            </button>
            <form action={deleteAction} onSubmit={() => report(null)}>
              <input type="hidden" name="noteId" value={note.id} />
              <button type="submit" className={buttonDanger}>
                Delete
              </button>
            </form>
          </div>
        </div>
        {state.status === "gone" ? (
          <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-300">
            {state.message}
          </p>
        ) : null}
      </article>
    );
  }

  return (
    <article
      aria-label="Editing a note"
      className="rounded-lg border border-blue-300 bg-white p-3 shadow-sm dark:border-blue-800 dark:bg-gray-900"
      data-testid="note"
      data-note-id={note.id}
      data-editing="true"
    >
      {conflict ? (
        <div
          role="alert"
          className="mb-3 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-800 dark:bg-amber-950"
          data-testid="note-conflict"
        >
          <p className="font-semibold text-amber-900 dark:text-amber-100">
            This note changed while you were editing it.
          </p>
          <p className="mt-1 text-amber-900 dark:text-amber-100">
            {conflict.theirs.author ?? "Someone"} saved a newer version at{" "}
            <time dateTime={isoDate(conflict.theirs.updatedAt)}>{formatDateTime(conflict.theirs.updatedAt)}</time>.
            Nothing of yours was saved yet.
          </p>
          <div className="mt-3 grid gap-3 md:grid-cols-2">
            <figure>
              <figcaption className="text-xs font-semibold uppercase tracking-wide text-amber-900 dark:text-amber-100">
                Their version
              </figcaption>
              <blockquote
                className="mt-1 whitespace-pre-wrap break-words rounded-md bg-white p-2 dark:bg-gray-900"
                data-testid="conflict-theirs"
              >
                {conflict.theirs.body}
              </blockquote>
            </figure>
            <figure>
              <figcaption className="text-xs font-semibold uppercase tracking-wide text-amber-900 dark:text-amber-100">
                Your text
              </figcaption>
              <blockquote
                className="mt-1 whitespace-pre-wrap break-words rounded-md bg-white p-2 dark:bg-gray-900"
                data-testid="conflict-mine"
              >
                {conflict.mine}
              </blockquote>
            </figure>
          </div>
          <div className="mt-3 flex flex-wrap gap-2">
            <form action={formAction}>
              <input type="hidden" name="noteId" value={note.id} />
              <input type="hidden" name="version" value={conflict.theirs.version} />
              <input type="hidden" name="body" value={conflict.mine} />
              <button type="submit" className={buttonPrimary} disabled={pending}>
                Save my text instead
              </button>
            </form>
            <button
              type="button"
              className={buttonSecondary}
              onClick={() => {
                setDraft((d) => ({
                  text: conflict.theirs.body,
                  version: conflict.theirs.version,
                  generation: d.generation + 1,
                }));
                setConflictOpen(false);
              }}
            >
              Edit their version
            </button>
            <button type="button" className={buttonQuiet} onClick={stopEditing}>
              Keep theirs
            </button>
          </div>
        </div>
      ) : null}
      {/* While a conflict is open the choice is made above; the editor returns with "Edit their version". */}
      <form action={formAction} className="space-y-2" hidden={conflict !== null}>
        <input type="hidden" name="noteId" value={note.id} />
        <input type="hidden" name="version" value={draft.version} />
        <label htmlFor={`note-${note.id}-body`} className="sr-only">
          Note text
        </label>
        <textarea
          key={draft.generation}
          id={`note-${note.id}-body`}
          name="body"
          rows={Math.min(12, Math.max(3, draft.text.split("\n").length + 1))}
          maxLength={maxNoteLength}
          defaultValue={draft.text}
          autoFocus
          className={field}
          aria-invalid={error.body ? true : undefined}
          aria-describedby={message ? errorId : undefined}
          onKeyDown={(event) => {
            if (event.key === "Escape") stopEditing();
            if (event.key === "Enter" && (event.metaKey || event.ctrlKey)) event.currentTarget.form?.requestSubmit();
          }}
        />
        <FieldError id={errorId} message={message} />
        {state.status === "gone" ? (
          <p role="alert" className="text-sm text-red-700 dark:text-red-300">
            {state.message}
          </p>
        ) : null}
        <div className="flex flex-wrap justify-end gap-2">
          <button type="button" className={buttonQuiet} onClick={stopEditing}>
            Cancel
          </button>
          <button type="submit" className={buttonPrimary} disabled={pending}>
            {pending ? "Saving…" : "Save"}
          </button>
        </div>
      </form>
    </article>
  );
}
