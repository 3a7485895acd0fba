// What the admin Connections page shows an integrator: why hosts' requests were
// refused, and which key (current or previous) verified the latest good one.
import "server-only";
import type { KeySlot } from "@/lib/env";
import type { Db } from "@/lib/db/client";
import { db } from "@/lib/db/client";
import { logger } from "@/lib/log";
import { deferWrite } from "@/lib/db/deferred-writes";
import { orderedId } from "@/lib/db/ids";
import { sqlOf } from "@/lib/db/driver";

export type Integration = "suresend" | "socialsignin" | "retailcrm";

// Both records are written through lib/db/deferred-writes.ts: after the answer, never
// waiting for a lock, so a busy or stopped database cannot hold up or fail the request
// they describe. Times are taken when the request is seen, not when the row is written.

/** Longest canonical string kept: enough to compare with what the host signed, bounded for storage. */
const maxCanonicalLength = 4096;

/**
 * Records a refused request. `canonical` is the string that was (or would have been)
 * signed — never a secret nor the expected signature.
 */
export function recordVerificationFailure(
  integration: Integration,
  reason: string,
  canonical: string,
  client: Db = db(),
): void {
  // The log line names the refusal only: the signed text may carry a contact's details.
  logger().info({ event: "request.refused", integration, code: reason }, `${integration}: request refused (${reason})`);
  const row = [orderedId(), integration, reason, canonical.slice(0, maxCanonicalLength)];
  const at = new Date();
  deferWrite("verification failure", async () => {
    await sqlOf(client).writeWithoutWaiting(
      `INSERT INTO "VerificationFailure" ("id", "integration", "reason", "canonical", "createdAt") VALUES ($1, $2, $3, $4, $5)`,
      [...row, at],
    );
  });
  failuresSincePrune++;
  if (failuresSincePrune >= 100) {
    failuresSincePrune = 0;
    deferWrite("verification failure pruning", () => pruneFailures(integration, client));
  }
}

/** Failures kept per integration; older ones are pruned so a flood of bad requests cannot fill the disk. */
const keptFailures = 1000;
let failuresSincePrune = 0;

async function pruneFailures(integration: Integration, client: Db): Promise<void> {
  await sqlOf(client).writeWithoutWaiting(
    `DELETE FROM "VerificationFailure" WHERE "integration" = $1 AND "createdAt" < (
       SELECT "createdAt" FROM "VerificationFailure" WHERE "integration" = $1 ORDER BY "createdAt" DESC LIMIT 1 OFFSET ${keptFailures - 1})`,
    [integration],
  );
}

const keyUseWriteInterval = 60_000;
/** The last key use written, per database (a test may log to one of its own) and integration. */
type LastKeyUse = Map<Integration, { keySlot: KeySlot; at: number }>;
const lastKeyUse = new WeakMap<Db, LastKeyUse>();

/**
 * Notes which key verified the integration's latest good request. Written when the key
 * changes and at most once a minute otherwise, so hot paths do not write on every view.
 */
export function recordKeyUse(integration: Integration, keySlot: KeySlot, client: Db = db()): void {
  const now = Date.now();
  let written = lastKeyUse.get(client);
  if (!written) lastKeyUse.set(client, (written = new Map() as LastKeyUse));
  const last = written.get(integration);
  if (last && last.keySlot === keySlot && now - last.at < keyUseWriteInterval) return;
  written.set(integration, { keySlot, at: now });
  deferWrite("key use", async () => {
    await sqlOf(client).writeWithoutWaiting(
      `INSERT INTO "KeyUse" ("integration", "keySlot", "usedAt") VALUES ($1, $2, $3)
       ON CONFLICT ("integration") DO UPDATE SET "keySlot" = excluded."keySlot", "usedAt" = excluded."usedAt"`,
      [integration, keySlot, new Date(now)],
    );
  });
}

export async function listVerificationFailures(integration: Integration, take = 20, client: Db = db()) {
  return client.verificationFailure.findMany({
    where: { integration },
    // Ids are time-ordered within a process: they order refusals seen in the same millisecond.
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: { id: true, reason: true, canonical: true, createdAt: true },
  });
}

export async function findKeyUse(integration: Integration, client: Db = db()) {
  return client.keyUse.findUnique({ where: { integration }, select: { keySlot: true, usedAt: true } });
}
