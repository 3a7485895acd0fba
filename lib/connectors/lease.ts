// The run lease: one run of a connector at a time across every app instance. It lives
// in the database (lib/db/connector-state.ts), is renewed while the run lives, and
// expires on its own when the holder dies, so a killed run blocks others for at most
// `seconds` (30 by default, well within the contract's 60).
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { findConnectorState, releaseLease, renewLease, tryAcquireLease } from "@/lib/db/connector-state";
import { ConnectorError, LeaseBusyError } from "@/lib/connectors/errors";
import { sleep } from "@/lib/connectors/retry";

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
};

/** Names this process in the lease, so a refused run can say who holds it. */
export function newLeaseOwner(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
}

/** Takes the connector's lease, waiting up to waitSeconds; throws LeaseBusyError when it stays taken. */
export async function acquireLease(name: string, options: LeaseOptions): Promise<Lease> {
  const { client } = options;
  const seconds = options.seconds ?? defaultLeaseSeconds;
  const owner = newLeaseOwner();
  const deadline = Date.now() + (options.waitSeconds ?? 0) * 1000;
  let told = false;
  while (!(await tryAcquireLease(name, owner, seconds, new Date(), client))) {
    const state = await findConnectorState(name, client);
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      throw new LeaseBusyError(name, { owner: state?.leaseOwner ?? null, expiresAt: state?.leaseExpiresAt ?? null });
    }
    if (!told) options.onWait?.(state?.leaseOwner ?? null);
    told = true;
    await sleep(Math.min(1000, remaining), options.signal);
  }

  const lost = new AbortController();
  // Renew three times per lease period, so one slow or failed renewal does not lose it.
  const timer = setInterval(() => {
    renewLease(client, { name, owner, seconds, now: new Date() }).then(
      (held) => {
        if (!held) lost.abort(new ConnectorError("lease_lost", `lost the ${name} run lease (it expired and another run took it)`));
      },
      () => {
        // A transient database error: the next renewal tries again; the per-unit fence
        // (advanceUnderLease) still keeps a run that really lost the lease from committing.
      },
    );
  }, (seconds * 1000) / 3);
  timer.unref();

  return {
    owner,
    seconds,
    lost: lost.signal,
    release: async () => {
      clearInterval(timer);
      await releaseLease(name, owner, client);
    },
  };
}
