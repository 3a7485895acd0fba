// Staff sessions: rows keyed by the SHA-256 of the cookie's token.
import "server-only";
import type { Db } from "@/lib/db/client";
import { db } from "@/lib/db/client";
import { retryWhileLocked } from "@/lib/db/locked-writes";

export async function createStaffSession(
  data: { userId: string; tokenHash: string; expiresAt: Date; now: Date },
  client: Db = db(),
) {
  return retryWhileLocked(() =>
    client.staffSession.create({
      data: {
        userId: data.userId,
        tokenHash: data.tokenHash,
        expiresAt: data.expiresAt,
        createdAt: data.now,
        lastSeenAt: data.now,
      },
      select: { id: true },
    }),
  );
}

export async function findStaffSession(tokenHash: string, client: Db = db()) {
  return client.staffSession.findUnique({
    where: { tokenHash },
    select: {
      id: true,
      createdAt: true,
      expiresAt: true,
      lastSeenAt: true,
      user: { select: { id: true, email: true, name: true } },
    },
  });
}

export async function extendStaffSession(id: string, expiresAt: Date, now: Date, client: Db = db()): Promise<void> {
  await retryWhileLocked(() => client.staffSession.updateMany({ where: { id }, data: { expiresAt, lastSeenAt: now } }));
}

/** Deletes the session with this token hash; returns its user, if there was one. */
export async function deleteStaffSession(tokenHash: string, client: Db = db()): Promise<string | null> {
  const row = await client.staffSession.findUnique({ where: { tokenHash }, select: { userId: true } });
  await retryWhileLocked(() => client.staffSession.deleteMany({ where: { tokenHash } }));
  return row?.userId ?? null;
}

export async function deleteExpiredStaffSessions(now: Date, client: Db = db()): Promise<number> {
  const { count } = await retryWhileLocked(() =>
    client.staffSession.deleteMany({ where: { expiresAt: { lte: now } } }),
  );
  return count;
}
