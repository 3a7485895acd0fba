// Planner statistics (lib/db/optimize.ts): written where the engines recommend, never for
// the search index's FTS5 shadow tables, and a failure never reaches the caller.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import pg from "pg";
import { type Db, createDb } from "@/lib/db/client";
import { engineOf, sqlitePath } from "@/lib/db/client-url";
import { createContact } from "@/lib/db/contacts";
import { openMaintenance, optimizeMask } from "@/lib/db/driver";
import { analyzeAfterRecords, refreshStatisticsAfterImport } from "@/lib/db/optimize";
import { createTestDatabase, type TestDatabase } from "@/tests/support/test-database";

let database: TestDatabase;
let client: Db;

beforeAll(async () => {
  database = await createTestDatabase(process.env.DATABASE_URL);
  client = createDb(database.url);
  for (let i = 0; i < 30; i++) {
    await createContact(
      { kind: "person", firstName: `Ana${i}`, lastName: "Optimize", emails: [{ email: `ana${i}@opt.example` }] },
      client,
    );
  }
});

afterAll(async () => {
  await client?.$disconnect();
  await database?.drop();
});

/** Tables with statistics, by name. */
async function analyzedTables(): Promise<string[]> {
  if (engineOf(database.url) === "sqlite") {
    const sqlite = new Database(sqlitePath(database.url), { readonly: true });
    try {
      if (!sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'`).get()) return [];
      return (sqlite.prepare(`SELECT DISTINCT tbl FROM sqlite_stat1 ORDER BY tbl`).all() as { tbl: string }[]).map(
        (r) => r.tbl,
      );
    } finally {
      sqlite.close();
    }
  }
  const pgClient = new pg.Client({ connectionString: database.url });
  await pgClient.connect();
  try {
    const { rows } = await pgClient.query<{ name: string }>(
      `SELECT relname::text AS name FROM pg_stat_user_tables WHERE last_analyze IS NOT NULL ORDER BY 1`,
    );
    return rows.map((r) => r.name);
  } finally {
    await pgClient.end();
  }
}

describe("refreshStatisticsAfterImport", () => {
  it("does nothing after a run that wrote nothing", async () => {
    await refreshStatisticsAfterImport(database.url, 0);
    expect(await analyzedTables()).not.toContain("Contact");
  });

  it.runIf(engineOf(process.env.DATABASE_URL ?? "file:") === "postgresql")(
    "on PostgreSQL leaves runs of fewer than 10,000 records to autovacuum, and analyzes after larger ones",
    async () => {
      await refreshStatisticsAfterImport(database.url, analyzeAfterRecords - 1);
      expect(await analyzedTables()).not.toContain("Contact");
      await refreshStatisticsAfterImport(database.url, analyzeAfterRecords);
      expect(await analyzedTables()).toEqual(
        expect.arrayContaining(["Contact", "ContactEmail", "ContactPhone", "ExternalRef", "Lead"]),
      );
    },
  );

  it.runIf(engineOf(process.env.DATABASE_URL ?? "file:") === "sqlite")(
    "on SQLite runs PRAGMA optimize: tables that hold rows get statistics, the FTS5 shadow tables none",
    async () => {
      await refreshStatisticsAfterImport(database.url, 30);
      const tables = await analyzedTables();
      expect(tables).toEqual(expect.arrayContaining(["Contact", "ContactEmail", "ContactSearchTerm"]));
      expect(tables.filter((t) => t.startsWith("ContactSearchTrigram_"))).toEqual([]);
    },
  );

  it("never throws (an unreachable database is reported and ignored)", async () => {
    const url =
      engineOf(database.url) === "sqlite" ? "file:/nonexistent/dir/x.db" : "postgresql://nobody:x@127.0.0.1:1/none";
    await expect(refreshStatisticsAfterImport(url, analyzeAfterRecords)).resolves.toBeUndefined();
  });
});

describe.runIf(engineOf(process.env.DATABASE_URL ?? "file:") === "sqlite")(
  "a maintenance connection's optimize",
  () => {
    it("skips rather than waits while another connection holds the write lock", async () => {
      // The other connection stands for another process (an import committing): opened directly.
      const writer = new Database(sqlitePath(database.url));
      const maintenance = await openMaintenance(database.url);
      try {
        // No statistics (so that optimize has tables to analyze), then the write lock held.
        writer.exec(`ANALYZE "_crm_bridge_migrations"; DELETE FROM sqlite_stat1`);
        writer.exec("BEGIN IMMEDIATE");
        const [{ timeout: before } = { timeout: 0 }] = await maintenance.query<{ timeout: number }>(
          "PRAGMA busy_timeout",
        );
        const started = performance.now();
        expect(await maintenance.optimize(optimizeMask.onOpen)).toBe(false);
        expect(performance.now() - started).toBeLessThan(1000);
        // Its usual lock wait is back (a migration's 30 s), and was not spent above.
        expect(before).toBeGreaterThan(1000);
        expect(await maintenance.query("PRAGMA busy_timeout")).toEqual([{ timeout: before }]);
      } finally {
        writer.exec("ROLLBACK");
        writer.close();
        await maintenance.close();
      }
    });
  },
);
