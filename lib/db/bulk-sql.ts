// Bulk statements for imports of many thousands of rows, where Prisma's per-row cost
// dominates (createMany: ~3,500 rows/s here). Each statement takes its rows as ONE JSON
// parameter that the database unpacks itself (SQLite json_each, PostgreSQL
// jsonb_to_recordset): ~10× faster, and no bind-variable limits. Table and column
// names are constants of the calling module, never input; values are always parameters.
import type { DbEngine } from "@/lib/db/client-url";
import type { Tx } from "@/lib/db/client";

export type ColumnType = "text" | "boolean" | "timestamp";
export type Value = string | boolean | Date | null;

const identifier = /^[A-Za-z_][A-Za-z0-9_]*$/;
const postgresTypes: Record<ColumnType, string> = { text: "text", boolean: "boolean", timestamp: "timestamp(3)" };
const rowsPerStatement = 5000;

function quote(name: string): string {
  if (!identifier.test(name)) throw new Error(`not a plain SQL identifier: ${name}`);
  return `"${name}"`;
}

/** A DateTime as Prisma stores it: SQLite text "…T…+00:00", PostgreSQL timestamp(3) without zone (UTC). */
export function sqlDate(engine: DbEngine, date: Date): string {
  const iso = date.toISOString();
  return engine === "sqlite" ? iso.replace("Z", "+00:00") : iso.slice(0, -1);
}

function encode(engine: DbEngine, value: Value): string | boolean | null {
  return value instanceof Date ? sqlDate(engine, value) : value;
}

/** Inserts rows (every row has every column) in a few statements. */
export async function insertRows(
  tx: Tx,
  engine: DbEngine,
  table: string,
  columns: Record<string, ColumnType>,
  rows: Record<string, Value>[],
): Promise<void> {
  const names = Object.keys(columns);
  const list = names.map(quote).join(", ");
  const sql =
    engine === "sqlite"
      ? `INSERT INTO ${quote(table)} (${list}) SELECT ${names.map((n) => `value ->> '${n}'`).join(", ")} FROM json_each(?)`
      : `INSERT INTO ${quote(table)} (${list}) SELECT ${list} FROM jsonb_to_recordset($1::jsonb) AS r(${names
          .map((n) => `${quote(n)} ${postgresTypes[columns[n]!]}`)
          .join(", ")})`;
  for (let offset = 0; offset < rows.length; offset += rowsPerStatement) {
    const chunk = rows.slice(offset, offset + rowsPerStatement).map((row) => {
      const encoded: Record<string, string | boolean | null> = {};
      for (const name of names) encoded[name] = encode(engine, row[name] ?? null);
      return encoded;
    });
    await tx.$executeRawUnsafe(sql, JSON.stringify(chunk));
  }
}

/** Placeholder of the n-th (1-based) parameter. SQLite's `?` are taken in order of appearance. */
export function param(engine: DbEngine, n: number): string {
  return engine === "sqlite" ? "?" : `$${n}`;
}

/** `(…)` holding the strings of a JSON array parameter, for `column IN <this>`. */
export function jsonTextSet(engine: DbEngine, n: number): string {
  return engine === "sqlite" ? "(SELECT value FROM json_each(?))" : `(SELECT jsonb_array_elements_text($${n}::jsonb))`;
}
