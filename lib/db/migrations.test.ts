// The committed migrations must build exactly the schema that prisma/schema.prisma
// describes: a database migrated by lib/db/migrate.ts is compared, table by table,
// column by column and index by index, with one built from the schema directly.
import { execFileSync } from "node:child_process";
import Database from "better-sqlite3";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { engineOf, sqlitePath } from "@/lib/db/client-url";
import { migrate, migrationsDir, readMigrations } from "@/lib/db/migrate";
import { createTestDatabase } from "@/tests/support/test-database";

type Shape = Record<string, { columns: string[]; indexes: string[] }>;

/**
 * Indexes of schema tables that hand-written migrations add on purpose (Prisma cannot
 * express them), by engine and table; everything else must match the schema exactly.
 */
const handWrittenIndexes: Record<"sqlite" | "postgresql", Record<string, string[]>> = {
  sqlite: {},
  // *_contact_search: pg_trgm GIN and "C"-collation prefix indexes of contact search.
  postgresql: {
    Contact: ["Contact_searchName_prefix_idx", "Contact_searchName_trgm_idx"],
    ContactEmail: ["ContactEmail_emailFolded_trgm_idx", "ContactEmail_emailLower_prefix_idx"],
    ContactPhone: ["ContactPhone_digits_prefix_idx", "ContactPhone_digits_trgm_idx"],
  },
};

function withHandWritten(shape: Shape, engine: "sqlite" | "postgresql"): Shape {
  const out: Shape = {};
  for (const [table, { columns, indexes }] of Object.entries(shape)) {
    out[table] = { columns, indexes: [...indexes, ...(handWrittenIndexes[engine][table] ?? [])].sort() };
  }
  return out;
}

function schemaSql(engine: "sqlite" | "postgresql"): string {
  const schema = engine === "sqlite" ? "prisma/schema.prisma" : "prisma/postgresql/schema.prisma";
  return execFileSync(
    "npx",
    ["prisma", "migrate", "diff", "--from-empty", "--to-schema-datamodel", schema, "--script"],
    {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    },
  );
}

function sqliteShape(path: string, tables?: string[]): Shape {
  const sqlite = new Database(path, { readonly: true });
  const names =
    tables ??
    (
      sqlite
        .prepare(
          `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_%' ESCAPE '\\'`,
        )
        .all() as { name: string }[]
    ).map((t) => t.name);
  const shape: Shape = {};
  for (const table of names) {
    const columns = (
      sqlite.prepare(`PRAGMA table_info("${table}")`).all() as {
        name: string;
        type: string;
        notnull: number;
        pk: number;
      }[]
    ).map((c) => `${c.name} ${c.type} ${c.notnull ? "NOT NULL" : "NULL"}${c.pk ? " PK" : ""}`);
    const indexes = (sqlite.prepare(`PRAGMA index_list("${table}")`).all() as { name: string; unique: number }[])
      .filter((i) => !i.name.startsWith("sqlite_autoindex"))
      .map((i) => `${i.name}${i.unique ? " UNIQUE" : ""}`);
    shape[table] = { columns: columns.sort(), indexes: indexes.sort() };
  }
  sqlite.close();
  return shape;
}

async function postgresShape(url: string, tables?: string[]): Promise<Shape> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const names =
    tables ??
    (
      await client.query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name NOT LIKE '\\_%'`,
      )
    ).rows.map((r) => r.table_name);
  const shape: Shape = {};
  for (const table of names) {
    const columns = await client.query<{ column_name: string; data_type: string; is_nullable: string }>(
      `SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1`,
      [table],
    );
    const indexes = await client.query<{ indexname: string }>(
      `SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND tablename = $1`,
      [table],
    );
    shape[table] = {
      columns: columns.rows
        .map((c) => `${c.column_name} ${c.data_type} ${c.is_nullable === "NO" ? "NOT NULL" : "NULL"}`)
        .sort(),
      indexes: indexes.rows.map((i) => i.indexname).sort(),
    };
  }
  await client.end();
  return shape;
}

describe("migrations", () => {
  it("build the schema of prisma/schema.prisma on this engine", async () => {
    const migratedUrl = process.env.DATABASE_URL ?? "";
    const engine = engineOf(migratedUrl);
    const reference = await createTestDatabase(process.env.DATABASE_URL, { migrated: false });
    try {
      const sql = schemaSql(engine);
      if (engine === "sqlite") {
        const sqlite = new Database(sqlitePath(reference.url));
        sqlite.exec(sql);
        sqlite.close();
        const expected = withHandWritten(sqliteShape(sqlitePath(reference.url)), engine);
        expect(sqliteShape(sqlitePath(migratedUrl), Object.keys(expected))).toEqual(expected);
      } else {
        const client = new pg.Client({ connectionString: reference.url });
        await client.connect();
        await client.query(sql);
        await client.end();
        const expected = withHandWritten(await postgresShape(reference.url), engine);
        expect(await postgresShape(migratedUrl, Object.keys(expected))).toEqual(expected);
      }
    } finally {
      await reference.drop();
    }
  }, 60_000);

  it("are applied once each when two migrators start together, and not again after", async () => {
    const database = await createTestDatabase(process.env.DATABASE_URL, { migrated: false });
    try {
      const [first, second] = await Promise.all([migrate(database.url), migrate(database.url)]);
      const all = readMigrations(migrationsDir(database.url)).map((m) => m.name);
      expect([...first, ...second].sort()).toEqual(all);
      expect(await migrate(database.url)).toEqual([]);
    } finally {
      await database.drop();
    }
  }, 60_000);
});
