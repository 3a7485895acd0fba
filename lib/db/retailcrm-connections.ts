// retailCRM accounts that connected the module. One row per system URL (unique), so
// connecting the same account again updates its row and keeps its id. The API key is
// stored sealed (lib/integrations/retailcrm/api-key-box.ts) and is read by one function
// only; every other read selects the view below, which has neither key nor client id.
import "server-only";
import type { Db } from "@/lib/db/client";
import { db } from "@/lib/db/client";
import { retryWhileLocked } from "@/lib/db/locked-writes";

/** The columns of a connection any page may show: no key, no client id. */
export const connectionViewSelect = {
  id: true,
  systemUrl: true,
  active: true,
  frozen: true,
  connectedAt: true,
  updatedAt: true,
  lastActivityAt: true,
  lastSyncAt: true,
} as const;

export type RetailCrmConnectionView = {
  id: string;
  systemUrl: string;
  active: boolean;
  frozen: boolean;
  connectedAt: Date;
  updatedAt: Date;
  lastActivityAt: Date | null;
  lastSyncAt: Date | null;
};

export type ConnectionInput = { systemUrl: string; apiKeyEncrypted: string; clientId: string };

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === "P2002";
}

/**
 * Stores a successful connection: creates the account's row, or updates it (new key, new
 * client id, active again) and ends the sessions opened with the previous client id.
 * An upsert on the unique system URL: two concurrent saves leave one row.
 */
export async function saveRetailCrmConnection(
  input: ConnectionInput,
  now = new Date(),
  client: Db = db(),
): Promise<RetailCrmConnectionView> {
  const save = () =>
    retryWhileLocked(() =>
      client.$transaction([
        client.retailCrmSession.deleteMany({ where: { connection: { systemUrl: input.systemUrl } } }),
        client.retailCrmConnection.upsert({
          where: { systemUrl: input.systemUrl },
          create: { ...input, active: true, frozen: false, connectedAt: now, lastActivityAt: now },
          update: {
            apiKeyEncrypted: input.apiKeyEncrypted,
            clientId: input.clientId,
            active: true,
            frozen: false,
            lastActivityAt: now,
          },
          select: connectionViewSelect,
        }),
      ]),
    );
  try {
    return (await save())[1];
  } catch (error) {
    // Prisma runs this upsert as one INSERT … ON CONFLICT on both engines (measured: racing saves
    // never fail). Should it ever read first and insert second, a racing insert lands here: update.
    if (!isUniqueViolation(error)) throw error;
    return (await save())[1];
  }
}

export async function findRetailCrmConnectionByClientId(clientId: string, client: Db = db()) {
  return client.retailCrmConnection.findUnique({ where: { clientId }, select: connectionViewSelect });
}

export async function findRetailCrmConnectionBySystemUrl(systemUrl: string, client: Db = db()) {
  return client.retailCrmConnection.findUnique({ where: { systemUrl }, select: connectionViewSelect });
}

/** What calling the account needs: the only read of the sealed API key. */
export async function findRetailCrmCredentials(id: string, client: Db = db()) {
  return client.retailCrmConnection.findUnique({
    where: { id },
    select: { id: true, systemUrl: true, clientId: true, apiKeyEncrypted: true },
  });
}

/** Records the state retailCRM reports for the module (activity callback); null for an unknown client id. */
export async function recordRetailCrmActivity(
  clientId: string,
  state: { active: boolean; frozen: boolean },
  now = new Date(),
  client: Db = db(),
): Promise<RetailCrmConnectionView | null> {
  const { count } = await retryWhileLocked(() =>
    client.retailCrmConnection.updateMany({
      where: { clientId },
      data: { active: state.active, frozen: state.frozen, lastActivityAt: now },
    }),
  );
  return count === 0 ? null : findRetailCrmConnectionByClientId(clientId, client);
}

export async function markRetailCrmConnectionInactive(id: string, client: Db = db()): Promise<void> {
  await retryWhileLocked(() =>
    client.retailCrmConnection.update({ where: { id }, data: { active: false }, select: { id: true } }),
  );
}

/** Every connected account, newest first, for the admin Connections page. */
export async function listRetailCrmConnections(client: Db = db()): Promise<RetailCrmConnectionView[]> {
  return client.retailCrmConnection.findMany({ orderBy: { connectedAt: "desc" }, select: connectionViewSelect });
}

/** The accounts whose customers are synced: active and not frozen, oldest connection first. */
export async function listSyncableRetailCrmConnections(client: Db = db()): Promise<RetailCrmConnectionView[]> {
  return client.retailCrmConnection.findMany({
    where: { active: true, frozen: false },
    orderBy: { connectedAt: "asc" },
    select: connectionViewSelect,
  });
}
