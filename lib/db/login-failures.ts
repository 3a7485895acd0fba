// Failed sign-ins, kept in the database so the limit holds across app instances.
import "server-only";
import type { Db } from "@/lib/db/client";
import { db } from "@/lib/db/client";
import { retryWhileLocked } from "@/lib/db/locked-writes";

export type FailureKey = { email: string } | { clientAddress: string };

/** Times of the newest failures for one email or one address since `since`, newest first. */
export async function listRecentLoginFailures(
  key: FailureKey,
  since: Date,
  take: number,
  client: Db = db(),
): Promise<Date[]> {
  const rows = await client.loginFailure.findMany({
    where: { ...key, createdAt: { gte: since } },
    orderBy: { createdAt: "desc" },
    take,
    select: { createdAt: true },
  });
  return rows.map((r) => r.createdAt);
}

/** Records one failure and drops this email's and this address's failures older than `before` (both indexed). */
export async function recordLoginFailure(
  data: { email: string; clientAddress: string; at: Date },
  before: Date,
  client: Db = db(),
): Promise<void> {
  await retryWhileLocked(() =>
    client.$transaction([
      client.loginFailure.create({
        data: { email: data.email, clientAddress: data.clientAddress, createdAt: data.at },
      }),
      client.loginFailure.deleteMany({ where: { email: data.email, createdAt: { lt: before } } }),
      client.loginFailure.deleteMany({ where: { clientAddress: data.clientAddress, createdAt: { lt: before } } }),
    ]),
  );
}

/** After a successful sign-in, the account's own failures are forgotten (the address's stay). */
export async function clearLoginFailuresForEmail(email: string, client: Db = db()): Promise<void> {
  await retryWhileLocked(() => client.loginFailure.deleteMany({ where: { email } }));
}

/** Drops every failure older than `before`: the rows of emails and addresses never seen again. */
export async function pruneLoginFailures(before: Date, client: Db = db()): Promise<number> {
  const { count } = await retryWhileLocked(() =>
    client.loginFailure.deleteMany({ where: { createdAt: { lt: before } } }),
  );
  return count;
}
