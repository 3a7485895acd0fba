// Staff writes through Prisma (notes, sessions, sign-in failures, connections) while
// another connection holds the database's write lock: an import committing a chunk, a
// backup, an operator's shell. better-sqlite3 waits for a lock synchronously, stopping
// every other request of the process, so the Prisma client's own wait is short
// (lockWaitMs below), and the write is tried again after pauses that leave the event loop
// free. Past the budget the error goes up as it is, and lib/db/unavailable.ts names it an
// outage: the staff member is told to try again, and nothing half-written stays behind
// (each attempt is one transaction).
import "server-only";
import { isDatabaseLocked } from "@/lib/db/unavailable";
import { type RetryWithin, retryWithin } from "@/lib/retry/backoff";

/** How long one statement of the Prisma client waits synchronously for SQLite's lock. */
export const sqliteLockWaitMs = 100;
/** PostgreSQL waits without blocking the process; this bounds a wait on a held lock all the same. */
export const postgresLockWaitMs = 3000;

/** About three seconds in all: long enough to pass an import's commits, short enough for a person waiting on a form. */
export const staffWritePolicy: RetryWithin = { budgetMs: 3000, firstMs: 25, maxMs: 400 };

/**
 * Runs `write` (one transaction, or one statement) and runs it again while the database
 * answers that it is locked, pausing a little longer each time, until `policy.budgetMs`
 * has passed. Any other error, and the lock error after the budget, is thrown as it is.
 */
export function retryWhileLocked<T>(write: () => Promise<T>, policy = staffWritePolicy): Promise<T> {
  return retryWithin(write, isDatabaseLocked, policy);
}
