// Backoff, written once: pauses that double up to a cap, a sleep an AbortSignal can cut
// short, and a retry loop bounded by time. Its users: a peer's requests and a run's
// database steps (lib/connectors/retry.ts, which adds jitter and a count of attempts),
// staff writes while the database is locked (lib/db/locked-writes.ts), the driver waiting
// for SQLite's write lock (lib/db/driver/sqlite.ts) and the deferred writes' timer
// (lib/db/deferred-writes.ts).

export type Doubling = { firstMs: number; maxMs: number };

/** The pause after `failures` failures (1-based): `firstMs`, doubled after each, at most `maxMs`. */
export function doublingPause(failures: number, { firstMs, maxMs }: Doubling): number {
  return Math.min(maxMs, firstMs * 2 ** (failures - 1));
}

/** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  // An abort's reason is an Error (DOMException AbortError) unless the caller gave another.
  const reason = () => (signal?.reason instanceof Error ? signal.reason : new Error("aborted"));
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(reason());
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(reason());
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

export type RetryWithin = Doubling & {
  /** how long all the pauses may take together; a pause that would end later is not taken */
  budgetMs: number;
};

/**
 * Runs `attempt`, and runs it again while its error is `retryable`, after doubling pauses
 * that leave the event loop free, until the next pause would end past `budgetMs`. Any
 * other error, and the retryable one past the budget, is thrown as it is.
 */
export async function retryWithin<T>(
  attempt: () => Promise<T>,
  retryable: (error: unknown) => boolean,
  policy: RetryWithin,
): Promise<T> {
  const deadline = Date.now() + policy.budgetMs;
  for (let failures = 1; ; failures++) {
    try {
      return await attempt();
    } catch (error) {
      const pause = doublingPause(failures, policy);
      if (!retryable(error) || Date.now() + pause > deadline) throw error;
      await sleep(pause);
    }
  }
}
