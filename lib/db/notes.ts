// Notes on contacts. Every change runs in one transaction with its audit event. Edits
// name the version they started from: saving over a newer version is a conflict, never
// a silent overwrite. Deletion is soft, so it can be undone for a while.
import "server-only";
import type { Db, Tx } from "@/lib/db/client";
import { db } from "@/lib/db/client";
import { retryWhileLocked } from "@/lib/db/locked-writes";
import { insertAuditEvent } from "@/lib/db/audit";

const noteSelect = {
  id: true,
  contactId: true,
  body: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  deletedAt: true,
  author: { select: { id: true, name: true, email: true } },
} as const;

export type NoteRecord = {
  id: string;
  contactId: string;
  body: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
  author: { id: string; name: string | null; email: string } | null;
};

/** What the audit trail keeps of a note. */
function snapshot(note: Pick<NoteRecord, "contactId" | "body" | "version" | "deletedAt">) {
  return {
    contactId: note.contactId,
    body: note.body,
    version: note.version,
    deletedAt: note.deletedAt?.toISOString() ?? null,
  };
}

export type NoteCursor = { createdAt: Date; id: string };

/**
 * A contact's notes, newest first: live ones, and those deleted since `deletedSince`
 * (shown with an undo button). One more than `take` is read to tell whether older ones exist.
 */
export async function listContactNotes(
  contactId: string,
  options: { deletedSince: Date; before?: NoteCursor; take: number },
  client: Db = db(),
): Promise<{ notes: NoteRecord[]; older: NoteCursor | null }> {
  const { before, take, deletedSince } = options;
  const rows = await client.note.findMany({
    where: {
      contactId,
      OR: [{ deletedAt: null }, { deletedAt: { gt: deletedSince } }],
      ...(before
        ? {
            AND: [
              { createdAt: { lte: before.createdAt } },
              { NOT: { createdAt: before.createdAt, id: { gte: before.id } } },
            ],
          }
        : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: take + 1,
    select: noteSelect,
  });
  const notes = rows.slice(0, take);
  const last = notes.at(-1);
  return { notes, older: rows.length > take && last ? { createdAt: last.createdAt, id: last.id } : null };
}

export async function countLiveNotes(contactId: string, client: Db = db()): Promise<number> {
  return client.note.count({ where: { contactId, deletedAt: null } });
}

export async function findNote(id: string, client: Db = db()): Promise<NoteRecord | null> {
  return client.note.findUnique({ where: { id }, select: noteSelect });
}

export type NewNote = { contactId: string; authorId: string | null; body: string; createdAt?: Date };

export async function addNote(input: NewNote & { authorId: string }, client: Db = db()): Promise<NoteRecord> {
  return retryWhileLocked(() => client.$transaction((tx) => insertNote(input, tx as unknown as Db)));
}

/**
 * Writes a note and its "note.create" audit event in the caller's transaction (`tx`), so
 * the dashboard's counts and its list of recent changes tell the same story. The demo
 * seed dates its notes in the past (`createdAt`); the event gets the same time.
 */
export async function insertNote(input: NewNote, tx: Db): Promise<NoteRecord> {
  const note = await tx.note.create({ data: input, select: noteSelect });
  await insertAuditEvent(
    {
      actorId: input.authorId,
      action: "note.create",
      entityType: "note",
      entityId: note.id,
      after: snapshot(note),
      at: input.createdAt,
    },
    tx,
  );
  return note;
}

/**
 * The first statement of a transaction that reads a note and then writes it: a write, so
 * that the transaction holds the note (PostgreSQL: its row) and, on SQLite, the write
 * lock before it reads anything. Prisma opens transactions with a deferred BEGIN; on
 * SQLite, one that reads first fails (SQLITE_BUSY_SNAPSHOT) when another connection,
 * such as a connector run's (lib/db/driver), commits between its read and its write.
 */
async function holdNote(tx: Tx, noteId: string): Promise<void> {
  // One UPDATE, no read first: `version = version + 0` changes nothing but takes the locks.
  await tx.note.updateMany({ where: { id: noteId }, data: { version: { increment: 0 } } });
}

export type EditOutcome =
  | { kind: "saved"; note: NoteRecord }
  | { kind: "conflict"; current: NoteRecord }
  | { kind: "gone"; note: NoteRecord | null };

/** Saves a new body over `expectedVersion`; a note changed or deleted meanwhile is reported, not overwritten. */
export async function editNote(
  input: { noteId: string; expectedVersion: number; body: string; actorId: string },
  client: Db = db(),
): Promise<EditOutcome> {
  return retryWhileLocked(() =>
    client.$transaction(async (tx) => {
      await holdNote(tx, input.noteId);
      const before = await tx.note.findUnique({ where: { id: input.noteId }, select: noteSelect });
      if (!before || before.deletedAt) return { kind: "gone", note: before };
      if (before.version !== input.expectedVersion) return { kind: "conflict", current: before };
      if (before.body === input.body) return { kind: "saved", note: before };
      // The version in the condition makes the check and the write one step, whatever runs alongside.
      const { count } = await tx.note.updateMany({
        where: { id: input.noteId, version: input.expectedVersion, deletedAt: null },
        data: { body: input.body, version: { increment: 1 } },
      });
      const after = await tx.note.findUnique({ where: { id: input.noteId }, select: noteSelect });
      if (count === 0 || !after)
        return after && !after.deletedAt ? { kind: "conflict", current: after } : { kind: "gone", note: after };
      await insertAuditEvent(
        {
          actorId: input.actorId,
          action: "note.update",
          entityType: "note",
          entityId: after.id,
          before: snapshot(before),
          after: snapshot(after),
        },
        tx,
      );
      return { kind: "saved", note: after };
    }),
  );
}

export type DeleteOutcome = { kind: "deleted"; note: NoteRecord } | { kind: "gone"; note: NoteRecord | null };

export async function softDeleteNote(
  input: { noteId: string; actorId: string; now?: Date },
  client: Db = db(),
): Promise<DeleteOutcome> {
  const now = input.now ?? new Date();
  return retryWhileLocked(() =>
    client.$transaction(async (tx) => {
      const { count } = await tx.note.updateMany({
        where: { id: input.noteId, deletedAt: null },
        data: { deletedAt: now },
      });
      const note = await tx.note.findUnique({ where: { id: input.noteId }, select: noteSelect });
      if (count === 0 || !note) return { kind: "gone", note };
      await insertAuditEvent(
        {
          actorId: input.actorId,
          action: "note.delete",
          entityType: "note",
          entityId: note.id,
          before: snapshot({ ...note, deletedAt: null }),
          after: snapshot(note),
        },
        tx,
      );
      return { kind: "deleted", note };
    }),
  );
}

export type RestoreOutcome = { kind: "restored"; note: NoteRecord } | { kind: "gone"; note: NoteRecord | null };

/** Brings back a note deleted after `deletedSince` (the undo window); older deletions stay deleted. */
export async function restoreNote(
  input: { noteId: string; actorId: string; deletedSince: Date },
  client: Db = db(),
): Promise<RestoreOutcome> {
  return retryWhileLocked(() =>
    client.$transaction(async (tx) => {
      await holdNote(tx, input.noteId);
      const before = await tx.note.findUnique({ where: { id: input.noteId }, select: noteSelect });
      const { count } = await tx.note.updateMany({
        where: { id: input.noteId, deletedAt: { gt: input.deletedSince } },
        data: { deletedAt: null },
      });
      const note = await tx.note.findUnique({ where: { id: input.noteId }, select: noteSelect });
      if (count === 0 || !before || !note) return { kind: "gone", note };
      await insertAuditEvent(
        {
          actorId: input.actorId,
          action: "note.restore",
          entityType: "note",
          entityId: note.id,
          before: snapshot(before),
          after: snapshot(note),
        },
        tx,
      );
      return { kind: "restored", note };
    }),
  );
}
