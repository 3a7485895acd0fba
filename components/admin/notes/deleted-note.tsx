"use client";
// A note deleted a moment ago, in its place in the list, with the way back.
import { formatDateTime, isoDate } from "@/lib/contacts/format";
import { buttonSecondary } from "@/components/ui/styles";
import type { DeletedNoteView } from "./note-view";
import { useNoteActivity } from "./note-activity";

export function DeletedNote({
  note,
  restoreAction,
}: {
  note: DeletedNoteView;
  restoreAction: (formData: FormData) => Promise<void>;
}) {
  const activity = useNoteActivity();
  return (
    <div
      role="status"
      className="flex flex-wrap items-center justify-between gap-2 rounded-lg border border-dashed border-gray-300 px-3 py-2 text-sm text-gray-700 dark:border-gray-700 dark:text-gray-300"
      data-testid="deleted-note"
      data-note-id={note.id}
    >
      <span>
        Note{note.author ? ` by ${note.author}` : ""} deleted at{" "}
        <time dateTime={isoDate(note.deletedAt)}>{formatDateTime(note.deletedAt)}</time>.
      </span>
      <form action={restoreAction} onSubmit={() => activity.expectRestore(note.id)}>
        <input type="hidden" name="noteId" value={note.id} />
        <button type="submit" className={buttonSecondary}>
          Undo
        </button>
      </form>
    </div>
  );
}
