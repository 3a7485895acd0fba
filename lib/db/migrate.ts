// Applies the committed SQL migrations (prisma/migrations for SQLite,
// prisma/postgresql/migrations for PostgreSQL), each once and in its own
// transaction, recording them in _crm_bridge_migrations. The SQL is written by
// `prisma migrate diff` (scripts/db-new-migration.ts); applying it ourselves keeps
// one simple path for both engines without Prisma's migration engine.
import "server-only";
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { dirname, join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { engineOf, sqlitePath } from "@/lib/db/client-url";
import { optimizeMask, optimizeSqlite } from "@/lib/db/optimize";

export type Migration = { name: string; sql: string; checksum: string };

export function migrationsDir(databaseUrl: string, root = process.cwd()): string {
  return engineOf(databaseUrl) === "sqlite"
    ? join(root, "prisma", "migrations")
    : join(root, "prisma", "postgresql", "migrations");
}

export function readMigrations(dir: string): Migration[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

const ledger = `CREATE TABLE IF NOT EXISTS "_crm_bridge_migrations" ("name" TEXT PRIMARY KEY, "checksum" TEXT NOT NULL, "appliedAt" TEXT NOT NULL)`;

function checkApplied(applied: Map<string, string>, migrations: Migration[]): void {
  for (const m of migrations) {
    const checksum = applied.get(m.name);
    if (checksum !== undefined && checksum !== m.checksum) {
      throw new Error(`migration ${m.name} was changed after it was applied; add a new migration instead`);
    }
  }
}

/** Applies pending migrations; returns the names applied. Safe to run concurrently and repeatedly. */
export async function migrate(databaseUrl: string, root = process.cwd()): Promise<string[]> {
  const migrations = readMigrations(migrationsDir(databaseUrl, root));
  return engineOf(databaseUrl) === "sqlite"
    ? migrateSqlite(sqlitePath(databaseUrl), migrations)
    : migratePostgres(databaseUrl, migrations);
}

function migrateSqlite(path: string, migrations: Migration[]): string[] {
  mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path, { timeout: 30_000 });
  try {
    sqlite.pragma("journal_mode = WAL");
    sqlite.exec(ledger);
    const done: string[] = [];
    for (const m of migrations) {
      // IMMEDIATE takes the write lock first, so two migrators never apply the same migration.
      const apply = sqlite.transaction(() => {
        const rows = sqlite.prepare(`SELECT "name", "checksum" FROM "_crm_bridge_migrations"`).all() as {
          name: string;
          checksum: string;
        }[];
        const applied = new Map(rows.map((r) => [r.name, r.checksum]));
        checkApplied(applied, migrations);
        if (applied.has(m.name)) return;
        sqlite.exec(m.sql);
        sqlite
          .prepare(`INSERT INTO "_crm_bridge_migrations" ("name", "checksum", "appliedAt") VALUES (?, ?, ?)`)
          .run(m.name, m.checksum, new Date().toISOString());
        done.push(m.name);
      });
      apply.immediate();
    }
    // After a schema change to a database in use, as SQLite recommends (new indexes of tables
    // that hold rows). Not on a new database: its statistics would describe empty tables.
    if (done.length > 0 && done.length < migrations.length) optimizeSqlite(sqlite, optimizeMask.onOpen);
    return done;
  } finally {
    sqlite.close();
  }
}

async function migratePostgres(url: string, migrations: Migration[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // One migrator at a time across processes.
    await client.query(`SELECT pg_advisory_lock(74201)`);
    await client.query(ledger);
    const { rows } = await client.query<{ name: string; checksum: string }>(
      `SELECT "name", "checksum" FROM "_crm_bridge_migrations"`,
    );
    const applied = new Map(rows.map((r) => [r.name, r.checksum]));
    checkApplied(applied, migrations);
    const done: string[] = [];
    for (const m of migrations) {
      if (applied.has(m.name)) continue;
      await client.query("BEGIN");
      try {
        await client.query(m.sql);
        await client.query(
          `INSERT INTO "_crm_bridge_migrations" ("name", "checksum", "appliedAt") VALUES ($1, $2, $3)`,
          [m.name, m.checksum, new Date().toISOString()],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`migration ${m.name} failed: ${(error as Error).message}`);
      }
      done.push(m.name);
    }
    return done;
  } finally {
    await client.end();
  }
}
