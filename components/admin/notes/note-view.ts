// A note as the admin notes islands receive it: plain props, never a database row.
export type NoteView = {
  id: string;
  body: string;
  version: number;
  author: string | null;
  createdAt: string;
  updatedAt: string;
  /** changed since it was written */
  edited: boolean;
};

export type DeletedNoteView = { id: string; deletedAt: string; author: string | null };
