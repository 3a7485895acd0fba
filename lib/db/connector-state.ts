// One row per connector: its cursor and its run lease. Every lease operation is ONE
// conditional UPDATE, which both engines apply atomically, so two app instances can
// never both believe they hold it. (Prisma's updateMany may read then write inside its
// own transaction, which on SQLite deadlocks two instances racing for the lease.)
import "server-only";
import type { Db, Tx } from "@/lib/db/client";
import { db, engineOfDb } from "@/lib/db/client";
import { param } from "@/lib/db/bulk-sql";
import { type SqlTx, engineOfTarget, executeOn, sqlDate } from "@/lib/db/sql-session";

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
  const engine = engineOfDb(client);
  const p = (n: number) => param(engine, n);
  // Reading first keeps waiting instances from queueing for SQLite's write lock behind
  // the holder's transactions; the UPDATE below still decides atomically.
  const state = await findConnectorState(name, client);
  if (state?.leaseOwner && state.leaseExpiresAt && state.leaseExpiresAt >= now) return false;
  // The row may not exist yet; two instances may race to create it.
  if (!state)
    await client.$executeRawUnsafe(
      `INSERT INTO "ConnectorState" ("name", "updatedAt") VALUES (${p(1)}, ${p(2)}) ON CONFLICT ("name") DO NOTHING`,
      name,
      sqlDate(engine, now),
    );
  const taken = await client.$executeRawUnsafe(
    `UPDATE "ConnectorState" SET "leaseOwner" = ${p(1)}, "leaseExpiresAt" = ${p(2)}, "updatedAt" = ${p(3)}
     WHERE "name" = ${p(4)} AND ("leaseOwner" IS NULL OR "leaseExpiresAt" IS NULL OR "leaseExpiresAt" < ${p(5)})`,
    owner,
    sqlDate(engine, later(now, seconds)),
    sqlDate(engine, now),
    name,
    sqlDate(engine, now),
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
  const engine = engineOfTarget(client);
  const p = (n: number) => param(engine, n);
  const values = [sqlDate(engine, later(lease.now, lease.seconds)), sqlDate(engine, lease.now)];
  const cursor = lease.cursor === undefined ? "" : `, "cursor" = ${p(3)}`;
  if (lease.cursor !== undefined) values.push(lease.cursor);
  const n = values.length;
  const renewed = await executeOn(
    client,
    `UPDATE "ConnectorState" SET "leaseExpiresAt" = ${p(1)}, "updatedAt" = ${p(2)}${cursor}
     WHERE "name" = ${p(n + 1)} AND "leaseOwner" = ${p(n + 2)}`,
    [...values, lease.name, lease.owner],
  );
  return renewed === 1;
}

export async function releaseLease(name: string, owner: string, client: Db = db()): Promise<void> {
  const engine = engineOfDb(client);
  await client.$executeRawUnsafe(
    `UPDATE "ConnectorState" SET "leaseOwner" = NULL, "leaseExpiresAt" = NULL
     WHERE "name" = ${param(engine, 1)} AND "leaseOwner" = ${param(engine, 2)}`,
    name,
    owner,
  );
}
