// The audit trail: who changed what, with the state before and after (JSON text).
// Writers pass the transaction they change data in, so a change and its record land together.
import "server-only";
import type { Db } from "@/lib/db/client";
import { db } from "@/lib/db/client";
import { retryWhileLocked } from "@/lib/db/locked-writes";

export type AuditAction =
  "note.create" | "note.update" | "note.delete" | "note.restore" | "staff.sign_in" | "staff.sign_out" | "connector.run";

export type AuditEntry = {
  actorId: string | null;
  action: AuditAction;
  entityType: "note" | "staff_user" | "connector";
  entityId: string;
  before?: unknown;
  after?: unknown;
  at?: Date;
};

/** Records an event on its own (sign-in, sign-out, a run started by hand), trying again while the database is locked. */
export async function recordAuditEvent(entry: AuditEntry, client: Db = db()): Promise<void> {
  await retryWhileLocked(() => insertAuditEvent(entry, client));
}

/** Writes an event in the caller's transaction, beside the change it records. */
export async function insertAuditEvent(entry: AuditEntry, tx: Pick<Db, "auditEvent">): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorId: entry.actorId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
      ...(entry.at ? { createdAt: entry.at } : {}),
    },
  });
}

const eventSelect = {
  id: true,
  action: true,
  entityType: true,
  entityId: true,
  before: true,
  after: true,
  createdAt: true,
  actor: { select: { email: true, name: true } },
} as const;

/** The newest events (of one kind of entity, when given), newest first. */
export async function listRecentAuditEvents(take = 10, entityType?: AuditEntry["entityType"], client: Db = db()) {
  return client.auditEvent.findMany({
    where: entityType ? { entityType } : {},
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: eventSelect,
  });
}

/** One entity's history, newest first. */
export async function listAuditEventsFor(entityType: AuditEntry["entityType"], entityId: string, client: Db = db()) {
  return client.auditEvent.findMany({
    where: { entityType, entityId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: eventSelect,
  });
}
