// Statistics for the query planners, refreshed where each engine's documentation says.
// The hot-path statements do not need them (lib/db/index-plans.ts), but the rest of the
// app (admin lists, dashboards, search ranking stages) plans better with them, and an
// operator's database otherwise has none: it is filled by imports, never by ANALYZE.
//
// SQLite (https://sqlite.org/pragma.html#pragma_optimize, 3.46+): a long-lived connection
// runs `PRAGMA optimize=0x10002` when it opens and `PRAGMA optimize` now and then; every
// connection after a schema change. Each analyzes only tables never analyzed or grown
// 25-fold since, with a temporary analysis limit, so it is usually a no-op and otherwise
// bounded (0.4 s at 100,000 contacts here). Statistics written by one connection are read
// by others when they next open (or load their schema again).
//
// PostgreSQL: autovacuum analyzes a table once 10 % of it changed, within a minute or so.
// After an import of many rows we ANALYZE the tables imports write at once (a sample of
// 30,000 rows per table, a fraction of a second), so the first minutes after a first
// import are planned with statistics too. Nothing after migrations: a new index needs no
// statistics of its own, and on a new database ANALYZE would only record empty tables.
import "server-only";
import Database from "better-sqlite3";
import pg from "pg";
import { engineOf, sqlitePath } from "@/lib/db/client-url";
import { logger } from "@/lib/log";

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
 * Runs PRAGMA optimize on an open SQLite connection without waiting for the write lock
 * (better-sqlite3 waits synchronously, stopping the process): when another connection
 * writes, this one is skipped and the next one will do. Never throws; says whether it ran.
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
 * For a long-lived SQLite connection: optimizes it now (as it opens) and every `everyMs`
 * after; the returned function stops that and optimizes once more (call it before closing).
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

/** Records created or updated, from a connector run's counts. */
export function writtenRecords(counts: Record<string, number | undefined>): number {
  return (counts.created ?? 0) + (counts.updated ?? 0);
}

/** PostgreSQL analyzes after a run that wrote at least this many records (autovacuum sees to smaller ones). */
export const analyzeAfterRecords = 10_000;
/** What imports write. */
const importedTables = ["Contact", "ContactEmail", "ContactPhone", "ExternalRef", "Lead"];

/**
 * After a connector run that wrote `written` records: SQLite's PRAGMA optimize (it decides
 * what needs it), or PostgreSQL's ANALYZE of the imported tables after a large run. A
 * failure is reported and ignored: the run's data is committed, statistics only help.
 */
export async function refreshStatisticsAfterImport(databaseUrl: string, written: number): Promise<void> {
  if (written <= 0) return;
  try {
    if (engineOf(databaseUrl) === "sqlite") {
      const connection = new Database(sqlitePath(databaseUrl), { fileMustExist: true });
      try {
        optimizeSqlite(connection, optimizeMask.onOpen);
      } finally {
        connection.close();
      }
      return;
    }
    if (written < analyzeAfterRecords) return;
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await client.query(`ANALYZE ${importedTables.map((table) => `"${table}"`).join(", ")}`);
    } finally {
      await client.end();
    }
  } catch (error) {
    logger().warn(
      { event: "statistics.not_refreshed", err: error },
      `statistics were not refreshed after the import: ${(error as Error).message}`,
    );
  }
}
