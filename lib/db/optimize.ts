// Statistics for the query planners, refreshed where each engine's documentation says.
// The hot-path statements do not need them (lib/db/index-plans.ts), but the rest of the
// app (admin lists, dashboards, search ranking stages) plans better with them, and an
// operator's database otherwise has none: it is filled by imports, never by ANALYZE.
//
// SQLite: PRAGMA optimize, which decides itself what needs analyzing, as a long-lived
// connection does now and then (lib/db/driver/sqlite-optimize.ts says how and when).
//
// PostgreSQL: autovacuum analyzes a table once 10 % of it changed, within a minute or so.
// After an import of many rows we ANALYZE the tables imports write at once (a sample of
// 30,000 rows per table, a fraction of a second), so the first minutes after a first
// import are planned with statistics too. Nothing after migrations: a new index needs no
// statistics of its own, and on a new database ANALYZE would only record empty tables.
import "server-only";
import { engineOf } from "@/lib/db/client-url";
import { openMaintenance, optimizeMask } from "@/lib/db/driver";
import { logger } from "@/lib/log";

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
  if (engineOf(databaseUrl) === "postgresql" && written < analyzeAfterRecords) return;
  try {
    const db = await openMaintenance(databaseUrl);
    try {
      if (db.engine === "sqlite") await db.optimize(optimizeMask.onOpen);
      else await db.execute(`ANALYZE ${importedTables.map((table) => `"${table}"`).join(", ")}`);
    } finally {
      await db.close();
    }
  } catch (error) {
    logger().warn(
      { event: "statistics.not_refreshed", err: error },
      `statistics were not refreshed after the import: ${(error as Error).message}`,
    );
  }
}
