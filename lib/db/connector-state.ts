// One row per connector: its cursor and its run lease. The lease is taken and renewed
// by single conditional UPDATEs, which both engines apply atomically, so two app
// instances can never both believe they hold it.
import type { Db } from "@/lib/db/client";
import { db } from "@/lib/db/client";
import type { Tx } from "@/lib/db/client";

export type ConnectorStateRow = { cursor: string | null; leaseOwner: string | null; leaseExpiresAt: Date | null };

export async function findConnectorState(name: string, client: Db | Tx = db()): Promise<ConnectorStateRow | null> {
  return client.connectorState.findUnique({
    where: { name },
    select: { cursor: true, leaseOwner: true, leaseExpiresAt: true },
  });
}

/** Makes sure the connector's row exists (two instances may race to create it). */
async function ensureConnectorState(name: string, client: Db): Promise<void> {
  if (await client.connectorState.findUnique({ where: { name }, select: { name: true } })) return;
  try {
    await client.connectorState.create({ data: { name } });
  } catch (error) {
    if (!(error instanceof Error && "code" in error && error.code === "P2002")) throw error;
  }
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
  await ensureConnectorState(name, client);
  const { count } = await client.connectorState.updateMany({
    where: { name, OR: [{ leaseOwner: null }, { leaseExpiresAt: null }, { leaseExpiresAt: { lt: now } }] },
    data: { leaseOwner: owner, leaseExpiresAt: later(now, seconds) },
  });
  return count === 1;
}

/** Extends the lease; false when `owner` no longer holds it. */
export async function renewLease(
  name: string,
  owner: string,
  seconds: number,
  now: Date,
  client: Db | Tx = db(),
): Promise<boolean> {
  const { count } = await client.connectorState.updateMany({
    where: { name, leaseOwner: owner },
    data: { leaseExpiresAt: later(now, seconds) },
  });
  return count === 1;
}

/**
 * Inside a unit's transaction: extends the lease and, when given, moves the cursor —
 * only if `owner` still holds the lease (the fence that keeps a run that lost its lease
 * from committing). Being the transaction's first write, it also takes SQLite's write
 * lock before any read, so the transaction cannot fail to upgrade later.
 */
export async function advanceUnderLease(
  tx: Tx,
  name: string,
  owner: string,
  seconds: number,
  now: Date,
  cursor: string | undefined,
): Promise<boolean> {
  const { count } = await tx.connectorState.updateMany({
    where: { name, leaseOwner: owner },
    data: { leaseExpiresAt: later(now, seconds), ...(cursor === undefined ? {} : { cursor }) },
  });
  return count === 1;
}

export async function releaseLease(name: string, owner: string, client: Db = db()): Promise<void> {
  await client.connectorState.updateMany({
    where: { name, leaseOwner: owner },
    data: { leaseOwner: null, leaseExpiresAt: null },
  });
}
