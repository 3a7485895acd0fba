// What the admin Connections page shows an integrator: why hosts' requests were
// refused, and which key (current or previous) verified the latest good one.
import type { KeySlot } from "@/lib/env";
import type { Db } from "@/lib/db/client";
import { db } from "@/lib/db/client";

export type Integration = "suresend" | "socialsignin" | "retailcrm";

/** Longest canonical string kept: enough to compare with what the host signed, bounded for storage. */
const maxCanonicalLength = 4096;

/**
 * Records a refused request. `canonical` is the string that was (or would have been)
 * signed — never a secret nor the expected signature.
 */
export async function recordVerificationFailure(
  integration: Integration,
  reason: string,
  canonical: string,
  client: Db = db(),
): Promise<void> {
  await client.verificationFailure.create({
    data: { integration, reason, canonical: canonical.slice(0, maxCanonicalLength) },
  });
  failuresSincePrune++;
  if (failuresSincePrune >= 100) {
    failuresSincePrune = 0;
    await pruneFailures(integration, client);
  }
}

/** Failures kept per integration; older ones are pruned so a flood of bad requests cannot fill the disk. */
const keptFailures = 1000;
let failuresSincePrune = 0;

async function pruneFailures(integration: Integration, client: Db): Promise<void> {
  const oldestKept = await client.verificationFailure.findFirst({
    where: { integration },
    orderBy: { createdAt: "desc" },
    skip: keptFailures - 1,
    select: { createdAt: true },
  });
  if (oldestKept) {
    await client.verificationFailure.deleteMany({ where: { integration, createdAt: { lt: oldestKept.createdAt } } });
  }
}

const keyUseWriteInterval = 60_000;
const lastKeyUse = new Map<Integration, { keySlot: KeySlot; at: number }>();

/**
 * Notes which key verified the integration's latest good request. Written when the key
 * changes and at most once a minute otherwise, so hot paths do not write on every view.
 */
export async function recordKeyUse(integration: Integration, keySlot: KeySlot, client: Db = db()): Promise<void> {
  const now = Date.now();
  const last = lastKeyUse.get(integration);
  if (last && last.keySlot === keySlot && now - last.at < keyUseWriteInterval) return;
  lastKeyUse.set(integration, { keySlot, at: now });
  const usedAt = new Date(now);
  await client.keyUse.upsert({
    where: { integration },
    create: { integration, keySlot, usedAt },
    update: { keySlot, usedAt },
  });
}

export async function listVerificationFailures(integration: Integration, take = 20, client: Db = db()) {
  return client.verificationFailure.findMany({
    where: { integration },
    orderBy: { createdAt: "desc" },
    take,
    select: { id: true, reason: true, canonical: true, createdAt: true },
  });
}

export async function findKeyUse(integration: Integration, client: Db = db()) {
  return client.keyUse.findUnique({ where: { integration }, select: { keySlot: true, usedAt: true } });
}
