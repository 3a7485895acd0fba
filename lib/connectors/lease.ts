// The run lease: one run of a connector at a time across every app instance. It lives
// in the database (lib/db/connector-state.ts), is renewed while the run lives, and
// expires on its own when the holder dies, so a killed run blocks others for at most
// `seconds` (30 by default, well within the contract's 60). Every statement is retried
// while the database is briefly out of reach (withDatabaseRetry).
import "server-only";
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { findConnectorState, releaseLease, renewLease, tryAcquireLease } from "@/lib/db/connector-state";
import { ConnectorError, LeaseBusyError } from "@/lib/connectors/errors";
import { type RetryInfo, type RetryPolicy, sleep, withDatabaseRetry } from "@/lib/connectors/retry";
import { logger } from "@/lib/log";

export const defaultLeaseSeconds = 30;

export type Lease = {
  owner: string;
  seconds: number;
  /** aborts when a renewal finds the lease taken by someone else */
  lost: AbortSignal;
  release(): Promise<void>;
};

export type LeaseOptions = {
  client: Db;
  seconds?: number;
  /** how long to wait for a busy lease before giving up; 0 = give up at once */
  waitSeconds?: number;
  signal?: AbortSignal;
  onWait?: (holder: string | null) => void;
  retry?: RetryPolicy;
  /** a statement failed with the database briefly away and is tried again */
  onRetry?: (info: RetryInfo) => void;
};

/** Names this process in the lease, so a refused run can say who holds it. */
export function newLeaseOwner(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
}

const lostMessage = (name: string) => `lost the ${name} run lease (it expired and another run took it)`;

/** Takes the connector's lease, waiting up to waitSeconds; throws LeaseBusyError when it stays taken. */
export async function acquireLease(name: string, options: LeaseOptions): Promise<Lease> {
  const { client } = options;
  const seconds = options.seconds ?? defaultLeaseSeconds;
  const owner = newLeaseOwner();
  const deadline = Date.now() + (options.waitSeconds ?? 0) * 1000;
  const retry = { policy: options.retry, signal: options.signal, onRetry: options.onRetry };
  let told = false;
  for (;;) {
    if (await withDatabaseRetry(() => tryAcquireLease(name, owner, seconds, new Date(), client), retry)) break;
    const state = await withDatabaseRetry(() => findConnectorState(name, client), retry);
    // Our own UPDATE committed but its answer was lost with the connection: it is ours.
    if (state?.leaseOwner === owner) break;
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      throw new LeaseBusyError(name, { owner: state?.leaseOwner ?? null, expiresAt: state?.leaseExpiresAt ?? null });
    }
    if (!told) options.onWait?.(state?.leaseOwner ?? null);
    told = true;
    await sleep(Math.min(1000, remaining), options.signal);
  }
  return holdLease(name, owner, seconds, options);
}

/**
 * Takes over a lease that `owner` holds (a run the server handed to a process of its own,
 * lib/connectors/child-run.ts); throws ConnectorError lease_lost when it is not held by `owner`.
 */
export async function adoptLease(name: string, owner: string, options: LeaseOptions): Promise<Lease> {
  const seconds = options.seconds ?? defaultLeaseSeconds;
  const renewed = await withDatabaseRetry(() => renewLease(options.client, { name, owner, seconds, now: new Date() }), {
    policy: options.retry,
    signal: options.signal,
    onRetry: options.onRetry,
  });
  if (!renewed) throw new ConnectorError("lease_lost", lostMessage(name));
  return holdLease(name, owner, seconds, options);
}

/** Renews a held lease three times per period, so one slow or failed renewal does not lose it. */
function holdLease(name: string, owner: string, seconds: number, options: LeaseOptions): Lease {
  const { client } = options;
  const lost = new AbortController();
  const released = new AbortController();
  let renewing = false;
  const renew = async () => {
    if (renewing) return;
    renewing = true;
    try {
      const held = await withDatabaseRetry(() => renewLease(client, { name, owner, seconds, now: new Date() }), {
        policy: options.retry,
        signal: AbortSignal.any([lost.signal, released.signal]),
        onRetry: (info) =>
          logger().warn({ event: "lease.retry", connector: name, ...info }, `${name} lease renewal: retrying`),
      });
      if (!held && !released.signal.aborted) lost.abort(new ConnectorError("lease_lost", lostMessage(name)));
    } catch (error) {
      // Given up (or released meanwhile): the next period tries again, and the per-unit
      // fence (renewLease inside each unit's transaction) still keeps a run that really
      // lost the lease from committing.
      if (!released.signal.aborted)
        logger().warn({ event: "lease.renewal_failed", connector: name, err: error }, `${name} lease renewal failed`);
    } finally {
      renewing = false;
    }
  };
  const timer = setInterval(() => void renew(), (seconds * 1000) / 3);
  timer.unref();

  return {
    owner,
    seconds,
    lost: lost.signal,
    release: async () => {
      clearInterval(timer);
      released.abort();
      // Retried while the database is briefly away: a lease left behind blocks the next run until it expires.
      await withDatabaseRetry(() => releaseLease(name, owner, client), { policy: options.retry });
    },
  };
}
