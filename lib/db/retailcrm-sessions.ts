// Sessions on the module's account page, each scoped to one retailCRM connection. Only
// the SHA-256 of the cookie's random token is stored.
import "server-only";
import type { Db } from "@/lib/db/client";
import { db } from "@/lib/db/client";
import { retryWhileLocked } from "@/lib/db/locked-writes";
import { connectionViewSelect } from "@/lib/db/retailcrm-connections";

export async function createRetailCrmSession(
  input: { tokenHash: string; connectionId: string; expiresAt: Date },
  now = new Date(),
  client: Db = db(),
): Promise<void> {
  await retryWhileLocked(() =>
    client.$transaction([
      // Expired sessions of this connection go when a new one starts, so they cannot pile up.
      client.retailCrmSession.deleteMany({ where: { connectionId: input.connectionId, expiresAt: { lte: now } } }),
      client.retailCrmSession.create({ data: input, select: { id: true } }),
    ]),
  );
}

/** The connection of a live session, or null when the token is unknown or expired. */
export async function findRetailCrmSessionConnection(tokenHash: string, now = new Date(), client: Db = db()) {
  const session = await client.retailCrmSession.findUnique({
    where: { tokenHash },
    select: {
      expiresAt: true,
      connection: { select: connectionViewSelect },
    },
  });
  return session && session.expiresAt > now ? session.connection : null;
}
