// A contact's notes for staff, newest first: each live note with its controls, and
// each note deleted in the last minutes as a line with Undo.
import type { NoteRecord } from "@/lib/db/notes";
import type { NoteFormState } from "@/lib/notes/note-form-state";
import { NoteCard } from "./note-card";
import { DeletedNote } from "./deleted-note";

type Actions = {
  editAction: (state: NoteFormState, formData: FormData) => Promise<NoteFormState>;
  deleteAction: (formData: FormData) => Promise<void>;
  restoreAction: (formData: FormData) => Promise<void>;
};

function authorOf(note: NoteRecord): string | null {
  return note.author ? (note.author.name ?? note.author.email) : null;
}

export function NoteList({ notes, actions }: { notes: NoteRecord[]; actions: Actions }) {
  return (
    <ol className="space-y-3" data-testid="notes">
      {notes.map((note) => (
        <li key={note.id}>
          {note.deletedAt ? (
            <DeletedNote
              note={{ id: note.id, deletedAt: note.deletedAt.toISOString(), author: authorOf(note) }}
              restoreAction={actions.restoreAction}
            />
          ) : (
            // Keyed by id only: a card keeps its editor (and a conflict it shows) while the
            // page refreshes underneath with the newer version.
            <NoteCard
              key={note.id}
              note={{
                id: note.id,
                body: note.body,
                version: note.version,
                author: authorOf(note),
                createdAt: note.createdAt.toISOString(),
                updatedAt: note.updatedAt.toISOString(),
                edited: note.version > 1,
              }}
              editAction={actions.editAction}
              deleteAction={actions.deleteAction}
            />
          )}
        </li>
      ))}
    </ol>
  );
}
