// Applies the committed SQL migrations (prisma/migrations for SQLite,
// prisma/postgresql/migrations for PostgreSQL), each once and in its own
// transaction, recording them in _crm_bridge_migrations. The SQL is written by
// `prisma migrate diff` (scripts/db-new-migration.ts); applying it ourselves keeps
// one simple path for both engines without Prisma's migration engine.
import "server-only";
import { readdirSync, readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { engineOf } from "@/lib/db/client-url";
import { openMaintenance, optimizeMask } from "@/lib/db/driver";

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
  const db = await openMaintenance(databaseUrl, { create: true });
  try {
    // One migrator at a time across processes: on PostgreSQL this lock, held until the
    // connection closes; on SQLite each migration's transaction, which takes the write lock
    // first and reads the ledger under it.
    if (db.engine === "postgresql") await db.query(`SELECT pg_advisory_lock(74201)`);
    await db.script(ledger);
    const done: string[] = [];
    for (const m of migrations) {
      const applied = await db.transaction(async (tx) => {
        const rows = await tx.query<{ name: string; checksum: string }>(
          `SELECT "name", "checksum" FROM "_crm_bridge_migrations"`,
        );
        const applied = new Map(rows.map((r) => [r.name, r.checksum]));
        checkApplied(applied, migrations);
        if (applied.has(m.name)) return false;
        // A maintenance connection is one connection: its script runs in this transaction.
        await db.script(m.sql).catch((error: unknown) => {
          throw new Error(`migration ${m.name} failed: ${(error as Error).message}`, { cause: error });
        });
        await tx.execute(`INSERT INTO "_crm_bridge_migrations" ("name", "checksum", "appliedAt") VALUES ($1, $2, $3)`, [
          m.name,
          m.checksum,
          new Date().toISOString(),
        ]);
        return true;
      });
      if (applied) done.push(m.name);
    }
    // SQLite: after a schema change to a database in use, as SQLite recommends (new indexes
    // of tables that hold rows). Not on a new database: its statistics would describe empty
    // tables. (PostgreSQL: nothing; a new index needs no statistics of its own.)
    if (done.length > 0 && done.length < migrations.length) await db.optimize(optimizeMask.onOpen);
    return done;
  } finally {
    await db.close();
  }
}
