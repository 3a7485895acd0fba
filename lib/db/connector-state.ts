// One row per connector: its cursor and its run lease. Every lease operation is ONE
// conditional UPDATE, which both engines apply atomically, so two app instances can
// never both believe they hold it. (Prisma's updateMany may read then write inside its
// own transaction, which on SQLite deadlocks two instances racing for the lease.)
import "server-only";
import type { Db, Tx } from "@/lib/db/client";
import { db } from "@/lib/db/client";
import { type SqlTx, writerOf } from "@/lib/db/driver";

export type ConnectorStateRow = { cursor: string | null; leaseOwner: string | null; leaseExpiresAt: Date | null };

export async function findConnectorState(name: string, client: Db | Tx = db()): Promise<ConnectorStateRow | null> {
  return client.connectorState.findUnique({
    where: { name },
    select: { cursor: true, leaseOwner: true, leaseExpiresAt: true },
  });
}

const later = (now: Date, seconds: number) => new Date(now.getTime() + seconds * 1000);

/** Takes the lease when it is free or expired; true when `owner` now holds it. */
export async function tryAcquireLease(
  name: string,
  owner: string,
  seconds: number,
  now: Date,
  client: Db = db(),
): Promise<boolean> {
  // Reading first keeps waiting instances from queueing for SQLite's write lock behind
  // the holder's transactions; the UPDATE below still decides atomically.
  const state = await findConnectorState(name, client);
  if (state?.leaseOwner && state.leaseExpiresAt && state.leaseExpiresAt >= now) return false;
  // The row may not exist yet; two instances may race to create it.
  const writer = writerOf(client);
  if (!state)
    await writer.execute(
      `INSERT INTO "ConnectorState" ("name", "updatedAt") VALUES ($1, $2) ON CONFLICT ("name") DO NOTHING`,
      [name, now],
    );
  const taken = await writer.execute(
    `UPDATE "ConnectorState" SET "leaseOwner" = $1, "leaseExpiresAt" = $2, "updatedAt" = $3
     WHERE "name" = $4 AND ("leaseOwner" IS NULL OR "leaseExpiresAt" IS NULL OR "leaseExpiresAt" < $3)`,
    [owner, later(now, seconds), now, name],
  );
  return taken === 1;
}

/**
 * Extends the lease and, when given, moves the cursor, only while `owner` holds the
 * lease; false when it does not. Inside a unit's transaction this is the fence that
 * keeps a run that lost its lease from committing; as the transaction's first statement
 * it also takes SQLite's write lock before anything is read.
 */
export async function renewLease(
  client: Db | SqlTx,
  lease: { name: string; owner: string; seconds: number; now: Date; cursor?: string },
): Promise<boolean> {
  const cursor = lease.cursor === undefined ? "" : `, "cursor" = $5`;
  const renewed = await writerOf(client).execute(
    `UPDATE "ConnectorState" SET "leaseExpiresAt" = $1, "updatedAt" = $2${cursor} WHERE "name" = $3 AND "leaseOwner" = $4`,
    [
      later(lease.now, lease.seconds),
      lease.now,
      lease.name,
      lease.owner,
      ...(lease.cursor === undefined ? [] : [lease.cursor]),
    ],
  );
  return renewed === 1;
}

export async function releaseLease(name: string, owner: string, client: Db = db()): Promise<void> {
  await writerOf(client).execute(
    `UPDATE "ConnectorState" SET "leaseOwner" = NULL, "leaseExpiresAt" = NULL WHERE "name" = $1 AND "leaseOwner" = $2`,
    [name, owner],
  );
}
