// The one transaction helper: begin, run, then commit — or roll back when `fn` throws or
// the caller asked for a dry run. Each engine says how it begins and ends (sqlite.ts,
// postgres.ts); what happens in between is the same on both.
import type { SqlTx, TransactionOptions } from "./statements";

export type TransactionEnds = {
  begin(): Promise<void>;
  commit(): Promise<void>;
  /** Ends the transaction if one is open; may fail when the connection is gone. */
  rollback(): Promise<void>;
};

export async function runTransaction<T>(
  ends: TransactionEnds,
  tx: SqlTx,
  fn: (tx: SqlTx) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  await ends.begin();
  try {
    const result = await fn(tx);
    await (options.rollback ? ends.rollback() : ends.commit());
    return result;
  } catch (error) {
    await ends.rollback().catch(() => {
      // The connection is gone: so is the transaction.
    });
    throw error;
  }
}
