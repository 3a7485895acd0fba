// Writes that only record something (which key verified a request, why one was refused)
// must never hold up or fail the answer they describe (contract section 8). They are
// queued here and written after the response, off the request path, each without waiting
// for a lock (Sql.writeWithoutWaiting): while the database is busy or down they wait in
// the queue and are tried again with backoff; past the queue's bound or their retries
// they are dropped and counted, never retried forever.
import "server-only";
import { describeDatabaseError, isDatabaseUnavailable } from "@/lib/db/unavailable";
import { logger } from "@/lib/log";
import { type Doubling, doublingPause } from "@/lib/retry/backoff";

type Write = { label: string; run: () => Promise<void>; attempts: number };

/** Writes kept while the database is unavailable; beyond, the oldest are dropped. */
const maxQueued = 1000;
/** Attempts per write: with the backoff below, a write is given about four minutes. */
const maxAttempts = 12;
const retries: Doubling = { firstMs: 250, maxMs: 30_000 };

const queue: Write[] = [];
let skipped = 0;
let flushing: Promise<void> | null = null;
let retryTimer: NodeJS.Timeout | null = null;
/** Flushes in a row that found the database unavailable: the next try waits longer for each. */
let failedFlushes = 0;
/** Writes dropped because the queue was full, by label, not logged yet. */
const overflowed = new Map<string, number>();

/** Queues `run` to be written soon, after the current request has been answered. */
export function deferWrite(label: string, run: () => Promise<void>): void {
  queue.push({ label, run, attempts: 0 });
  if (queue.length > maxQueued) {
    // Counted now, logged in one line by the next flush: a flood must not flood the log.
    const oldest = queue.shift()!;
    overflowed.set(oldest.label, (overflowed.get(oldest.label) ?? 0) + 1);
  }
  // flush() settles every write itself (written, retried or dropped and logged): nothing to await here.
  if (!flushing && !retryTimer) setImmediate(() => void startFlush());
}

/** Writes everything queued now (tests, and a script that is about to exit). Resolves when the queue is empty or waits for the database. */
export async function flushDeferredWrites(): Promise<void> {
  if (retryTimer) {
    clearTimeout(retryTimer);
    retryTimer = null;
  }
  await startFlush();
}

/** What is waiting and what was given up, for tests and the operator. */
export function deferredWriteCounts(): { queued: number; skipped: number } {
  return { queued: queue.length, skipped: skipped + [...overflowed.values()].reduce((a, b) => a + b, 0) };
}

function startFlush(): Promise<void> {
  flushing ??= flush().finally(() => (flushing = null));
  return flushing;
}

async function flush(): Promise<void> {
  reportOverflow();
  while (queue.length > 0) {
    const write = queue[0]!;
    try {
      write.attempts++;
      await write.run();
      queue.shift();
      failedFlushes = 0;
    } catch (error) {
      if (!isDatabaseUnavailable(error)) {
        queue.shift();
        drop([write], describeDatabaseError(error));
        continue;
      }
      if (write.attempts >= maxAttempts)
        drop([queue.shift()!], `database unavailable (${describeDatabaseError(error)})`);
      scheduleRetry(error);
      return;
    }
  }
}

function scheduleRetry(error: unknown): void {
  if (queue.length === 0) return;
  const retryMs = doublingPause(++failedFlushes, retries);
  const reason = describeDatabaseError(error);
  logger().warn(
    { event: "deferred_writes.waiting", queued: queue.length, reason, retryMs },
    `deferred writes: ${queue.length} waiting, database unavailable (${reason}); next try in ${retryMs} ms`,
  );
  retryTimer = setTimeout(() => {
    retryTimer = null;
    void startFlush();
  }, retryMs);
  // A script that recorded something may still end: what is left is only a record.
  retryTimer.unref();
}

function drop(writes: Write[], reason: string): void {
  skipped += writes.length;
  const labels = [...new Set(writes.map((w) => w.label))].join(", ");
  logger().warn(
    { event: "deferred_writes.dropped", dropped: writes.length, labels, reason, skipped },
    `deferred writes: gave up ${writes.length} (${labels}): ${reason}; ${skipped} given up since start`,
  );
}

function reportOverflow(): void {
  if (overflowed.size === 0) return;
  const count = [...overflowed.values()].reduce((a, b) => a + b, 0);
  skipped += count;
  const labels = [...overflowed.keys()].join(", ");
  overflowed.clear();
  logger().warn(
    { event: "deferred_writes.dropped", dropped: count, labels, reason: "queue full", skipped },
    `deferred writes: gave up ${count} (${labels}): more than ${maxQueued} waiting; ${skipped} given up since start`,
  );
}
