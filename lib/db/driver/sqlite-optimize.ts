// SQLite's planner statistics on one better-sqlite3 connection, where SQLite's documentation
// says (https://sqlite.org/pragma.html#pragma_optimize, 3.46+): a long-lived connection runs
// `PRAGMA optimize=0x10002` when it opens and `PRAGMA optimize` now and then; every
// connection after a schema change. Each analyzes only tables never analyzed or grown
// 25-fold since, with a temporary analysis limit, so it is usually a no-op and otherwise
// bounded (0.4 s at 100,000 contacts here). Statistics written by one connection are read
// by others when they next open (or load their schema again). When the app asks for them
// is lib/db/optimize.ts's business; this is how, on a connection the driver opened.
import type Database from "better-sqlite3";

/** `PRAGMA optimize` masks: SQLite's default, and the one for a connection that just opened (all tables). */
export const optimizeMask = { default: 0xfffe, onOpen: 0x10002 } as const;

/**
 * Statistics of the search index's FTS5 shadow tables are dropped as soon as they are
 * written: FTS5 reads them by key only, and figures taken while they were small (right
 * after a migration, or on a demo database) made its own maintenance statements slow down
 * as the index grew: inserting 40,000 contacts one by one took 46 s instead of 6 s.
 */
const withoutStatistics = `DELETE FROM sqlite_stat1 WHERE tbl LIKE 'ContactSearchTrigram\\_%' ESCAPE '\\'`;

/**
 * Runs PRAGMA optimize without waiting for the write lock (better-sqlite3 waits
 * synchronously, stopping the process): when another connection writes, this one is
 * skipped and the next one will do. Never throws; says whether it ran.
 */
export function optimizeSqlite(connection: Database.Database, mask: number = optimizeMask.default): boolean {
  const timeout = connection.pragma("busy_timeout", { simple: true }) as number;
  try {
    connection.pragma("busy_timeout = 0");
    connection.pragma(`optimize = ${mask}`);
    const analyzed = connection.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'`).get();
    if (analyzed && connection.prepare(withoutStatistics).run().changes > 0) {
      // This connection reads the statistics again; the others will when they next open.
      connection.exec("ANALYZE sqlite_schema");
    }
    return true;
  } catch {
    return false;
  } finally {
    connection.pragma(`busy_timeout = ${timeout}`);
  }
}

const hour = 60 * 60 * 1000;

/**
 * For a long-lived connection: optimizes it now (as it opens) and every `everyMs` after;
 * the returned function stops that and optimizes once more (call it before closing).
 */
export function keepSqliteOptimized(connection: Database.Database, everyMs = hour): () => void {
  optimizeSqlite(connection, optimizeMask.onOpen);
  const timer = setInterval(() => optimizeSqlite(connection), everyMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    if (connection.open) optimizeSqlite(connection);
  };
}
