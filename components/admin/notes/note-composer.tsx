"use client";
// Adding a note. The form is a server action (it also works without scripts); the
// answer comes back as state: a field error beside the text, or a cleared form.
import { useActionState, useEffect, useState } from "react";
import { idleNoteForm, maxNoteLength, type NoteFormState } from "@/lib/notes/note-form-state";
import { FieldError } from "@/components/admin/field-error";
import { buttonPrimary, field } from "@/components/ui/styles";
import { NoteActivityStatus, useNoteActivity } from "./note-activity";

type Action = (state: NoteFormState, formData: FormData) => Promise<NoteFormState>;

export function NoteComposer({ contactId, action }: { contactId: string; action: Action }) {
  const [state, formAction, pending] = useActionState(action, idleNoteForm);
  const { message: activityMessage, report } = useNoteActivity();
  // Each answer remounts the textarea with what it should hold: the typed text after
  // an error, nothing after a save.
  const [seen, setSeen] = useState({ state, generation: 0 });
  if (seen.state !== state) setSeen({ state, generation: seen.generation + 1 });
  // "Note added." shows until the next action, or until the next note is started.
  useEffect(() => {
    if (state !== idleNoteForm) report(state.status === "saved" ? "Note added." : null);
  }, [state, report]);
  const error = state.status === "invalid" ? state.errors : {};
  const message = error.body ?? error.form;
  return (
    <form action={formAction} className="space-y-2" data-testid="note-composer">
      <input type="hidden" name="contactId" value={contactId} />
      <label htmlFor="new-note" className="sr-only">
        New note
      </label>
      <textarea
        key={seen.generation}
        id="new-note"
        name="body"
        rows={3}
        maxLength={maxNoteLength}
        defaultValue={state.status === "invalid" ? state.body : ""}
        placeholder="Write a note: a call, a visit, what they asked for…"
        className={field}
        aria-invalid={error.body ? true : undefined}
        aria-describedby={message ? "new-note-error" : undefined}
        autoFocus={state.status === "invalid"}
        onInput={() => {
          if (activityMessage !== null) report(null);
        }}
        onKeyDown={(event) => {
          if (event.key === "Enter" && (event.metaKey || event.ctrlKey)) event.currentTarget.form?.requestSubmit();
        }}
      />
      <FieldError id="new-note-error" message={message} />
      <div className="flex items-center justify-between gap-3">
        <p className="hidden text-xs text-gray-600 sm:block dark:text-gray-400">
          Agents see notes in Sure Send and SocialSignIn.
        </p>
        <div className="ml-auto flex items-center gap-3">
          <NoteActivityStatus />
          <button type="submit" className={buttonPrimary} disabled={pending}>
            {pending ? "Adding…" : "Add note"}
          </button>
        </div>
      </div>
    </form>
  );
}
