// A better-sqlite3 connection behind the driver's interface (statements.ts). What differs
// between uses (how long to wait for a lock, pragmas, transactions) comes from open.ts.
import "server-only";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import type { MaintenanceSql, SqlTx } from "./statements";
import { retryWithin } from "@/lib/retry/backoff";
import { keepSqliteOptimized, optimizeSqlite } from "./sqlite-optimize";
import { statementCache } from "./statement-cache";
import { runTransaction } from "./transaction";
import { type SqlValue, bindValue, readRows } from "./values";

export type SqliteSettings = {
  /** How long a statement waits for another connection's lock (busy_timeout), synchronously. */
  busyMs: number;
  /** A missing file is an outage to report, not an empty database to create. */
  fileMustExist: boolean;
  pragmas: readonly string[];
  /** Keep planner statistics fresh as SQLite recommends for a long-lived connection (lib/db/optimize.ts). */
  optimize: boolean;
  /**
   * true: transaction() takes the write lock first (BEGIN IMMEDIATE), waiting for it up to
   * busyMs without blocking the event loop. false (a connection shared by the whole
   * process): transaction() runs `fn` on the connection without BEGIN, as statements run
   * synchronously; such connections only read or write single statements.
   */
  transactions: boolean;
};

/** SQLite errors after which a handle is not used again: the next use opens the file afresh. */
const brokenHandleCodes = ["SQLITE_CANTOPEN", "SQLITE_IOERR", "SQLITE_NOTADB"];

/** A synchronous call as a promise: its result, or its exception as a rejection. */
function settle<T>(run: () => T): Promise<T> {
  try {
    return Promise.resolve(run());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

/** `$1…$n` values as better-sqlite3's named parameters. */
function named(values: readonly SqlValue[]): Record<number, string | number | null> {
  const bound: Record<number, string | number | null> = {};
  for (let i = 0; i < values.length; i++) bound[i + 1] = bindValue("sqlite", values[i]!) as string | number | null;
  return bound;
}

export function openSqlite(path: string, settings: SqliteSettings, onBroken: () => void = () => {}): MaintenanceSql {
  if (!settings.fileMustExist) mkdirSync(dirname(path), { recursive: true });
  const connection = new Database(path, { timeout: settings.busyMs, fileMustExist: settings.fileMustExist });
  for (const pragma of settings.pragmas) connection.pragma(pragma);
  const stopOptimizing = settings.optimize ? keepSqliteOptimized(connection) : () => {};
  const prepared = statementCache((text) => connection.prepare(text));
  const guarded = <T>(run: () => T): T => {
    try {
      return run();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (typeof code === "string" && brokenHandleCodes.some((c) => code.startsWith(c))) onBroken();
      throw error;
    }
  };
  const tx: SqlTx = {
    engine: "sqlite",
    query: (text, values = [], kinds) =>
      settle(() =>
        guarded(() => {
          const statement = prepared(text);
          if (statement.reader) return readRows(statement.all(named(values)), kinds);
          statement.run(named(values));
          return [];
        }),
      ),
    execute: (text, values = []) => settle(() => guarded(() => prepared(text).run(named(values)).changes)),
  };
  const ends = {
    begin: () => beginImmediate(connection, settings.busyMs),
    commit: () => settle(() => void connection.exec("COMMIT")),
    rollback: () => settle(() => void (connection.inTransaction && connection.exec("ROLLBACK"))),
  };
  return {
    ...tx,
    transaction(fn, options) {
      if (settings.transactions) return runTransaction(ends, tx, fn, options);
      if (options?.rollback)
        return Promise.reject(new Error("a shared SQLite connection cannot roll back: use a session"));
      return fn(tx);
    },
    writeWithoutWaiting: (text, values = []) =>
      settle(() => {
        // Synchronous from here to the finally: no other statement of this connection can
        // run in between, so the usual bound is back before anything else runs.
        connection.pragma("busy_timeout = 0");
        try {
          guarded(() => prepared(text).run(named(values)));
        } finally {
          connection.pragma(`busy_timeout = ${settings.busyMs}`);
        }
      }),
    script: (text) => settle(() => void guarded(() => connection.exec(text))),
    optimize: (mask) => Promise.resolve(optimizeSqlite(connection, mask)),
    close: () =>
      settle(() => {
        stopOptimizing();
        connection.close();
      }),
  };
}

/**
 * Takes the write lock first (so nothing read in the transaction is stale), waiting for
 * it without blocking the event loop: better-sqlite3 is synchronous, so a busy wait in
 * SQLite would also stop the other connections of this process (the Prisma client's)
 * from finishing the transaction we wait for. Once held, the lock is only released at
 * commit; a transaction whose `fn` awaits only its statements holds it within one turn
 * of the event loop, so other connections of this process never wait for it.
 */
async function beginImmediate(sqlite: Database.Database, lockWaitMs: number): Promise<void> {
  sqlite.pragma("busy_timeout = 0");
  try {
    const busy = (error: unknown) => (error as { code?: string }).code === "SQLITE_BUSY";
    await retryWithin(() => settle(() => void sqlite.exec("BEGIN IMMEDIATE")), busy, {
      budgetMs: lockWaitMs,
      firstMs: 1,
      maxMs: 50,
    });
  } finally {
    sqlite.pragma(`busy_timeout = ${lockWaitMs}`);
  }
}
