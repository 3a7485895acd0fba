// What every connection of the driver offers, on both engines. Statements use ONE
// placeholder convention: `$1…$n`, numbered. PostgreSQL binds them by number; SQLite
// takes them as named parameters (better-sqlite3 binds `$1` from the key "1"), so a
// statement whose placeholders appear out of order, or one used twice, binds the same
// values on both engines. (`?` on SQLite binds in order of appearance: a statement
// written in another order silently swapped values on SQLite only.)
import type { DbEngine } from "@/lib/db/client-url";
import type { ColumnKinds, SqlValue } from "./values";

/** Statements on one connection (inside a transaction, or on their own). */
export interface SqlTx {
  readonly engine: DbEngine;
  /** The rows of one statement, with the columns of `kinds` read as their kind (values.ts). */
  query<Row>(text: string, values?: readonly SqlValue[], kinds?: ColumnKinds<Row>): Promise<Row[]>;
  /** Runs one statement; resolves with the number of rows it changed. */
  execute(text: string, values?: readonly SqlValue[]): Promise<number>;
}

export type TransactionOptions = {
  /** roll back even when `fn` succeeds (a dry run); its result is still returned */
  rollback?: boolean;
};

/** A connection (or a pool of them) of one use (see open.ts). */
export interface Sql extends SqlTx {
  /**
   * Runs `fn`'s statements in one transaction: committed when it resolves, rolled back
   * when it throws or `rollback` is set (transaction.ts says how each engine does it).
   */
  transaction<T>(fn: (tx: SqlTx) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /**
   * Runs one write that only records something (lib/db/deferred-writes.ts) without waiting
   * for a lock: SQLite answers SQLITE_BUSY at once while another connection writes,
   * PostgreSQL gives up after the pool's lock_timeout. The caller tries again later.
   */
  writeWithoutWaiting(text: string, values?: readonly SqlValue[]): Promise<void>;
  /** Closes the connection(s). */
  close(): Promise<void>;
}

/** A connection for migrations and planner statistics (open.ts, openMaintenance). */
export interface MaintenanceSql extends Sql {
  /**
   * Runs a script of several statements, without parameters (a migration): SQLite's exec,
   * PostgreSQL's simple query protocol.
   */
  script(text: string): Promise<void>;
  /**
   * SQLite: PRAGMA optimize with `mask` (sqlite-optimize.ts), skipped rather than waiting
   * while another connection holds the write lock; resolves whether it ran, never rejects.
   * PostgreSQL has no such statement (its statistics come from ANALYZE): resolves false.
   */
  optimize(mask?: number): Promise<boolean>;
}
