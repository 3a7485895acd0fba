// Bulk statements for imports of many thousands of rows, where Prisma's per-row cost
// dominates (createMany: ~3,500 rows/s here). Each statement takes its rows as ONE JSON
// parameter, an array of arrays, that the database unpacks itself (SQLite json_each,
// PostgreSQL jsonb_array_elements): ~10× faster, and no bind-variable limits. Statements
// stay at 1,000 rows because Prisma keeps its last 100 debug entries, query plans with
// their parameters included, in memory: small statements keep that bounded. Table and
// column names are constants of the calling module, never input; values are parameters.
import type { DbEngine } from "@/lib/db/client-url";
import type { Tx } from "@/lib/db/client";

export type ColumnType = "text" | "boolean" | "timestamp";
export type Value = string | boolean | Date | null;

const identifier = /^[A-Za-z_][A-Za-z0-9_]*$/;
const postgresTypes: Record<ColumnType, string> = { text: "text", boolean: "boolean", timestamp: "timestamp(3)" };
/** Rows per INSERT and keys per lookup (see above). */
export const rowsPerStatement = 1000;

function quote(name: string): string {
  if (!identifier.test(name)) throw new Error(`not a plain SQL identifier: ${name}`);
  return `"${name}"`;
}

/** A DateTime as Prisma stores it: SQLite text "…T…+00:00", PostgreSQL timestamp(3) without zone (UTC). */
export function sqlDate(engine: DbEngine, date: Date): string {
  const iso = date.toISOString();
  return engine === "sqlite" ? iso.replace("Z", "+00:00") : iso.slice(0, -1);
}

/**
 * `(SELECT … FROM <JSON parameter n>) AS alias`: the rows of one JSON parameter (an array
 * of arrays, values in `columns` order) as a table with those columns.
 */
export function jsonRowsTable(engine: DbEngine, n: number, columns: Record<string, ColumnType>, alias = "v"): string {
  const names = Object.keys(columns);
  const select =
    engine === "sqlite"
      ? `SELECT ${names.map((name, i) => `value ->> ${i} AS ${quote(name)}`).join(", ")} FROM json_each(?)`
      : `SELECT ${names.map((name, i) => `(value ->> ${i})::${postgresTypes[columns[name]!]} AS ${quote(name)}`).join(", ")}
         FROM jsonb_array_elements($${n}::jsonb) AS r(value)`;
  return `(${select}) AS ${quote(alias)}`;
}

/**
 * Runs `statement` once per rowsPerStatement rows, each time with those rows encoded as
 * its JSON parameter (see jsonRowsTable), followed by `extra` parameters.
 */
export async function inChunks(
  tx: Tx,
  engine: DbEngine,
  statement: string,
  columns: Record<string, ColumnType>,
  rows: Record<string, Value>[],
  extra: Value[] = [],
): Promise<void> {
  const names = Object.keys(columns);
  // Most dates of a batch are the same instant (createdAt, updatedAt): encode each once.
  const dates = new Map<number, string>();
  const encode = (value: Value) => {
    if (!(value instanceof Date)) return value;
    const time = value.getTime();
    let text = dates.get(time);
    if (text === undefined) dates.set(time, (text = sqlDate(engine, value)));
    return text;
  };
  const params = extra.map(encode);
  for (let offset = 0; offset < rows.length; offset += rowsPerStatement) {
    const chunk = rows.slice(offset, offset + rowsPerStatement).map((row) => names.map((name) => encode(row[name] ?? null)));
    await tx.$executeRawUnsafe(statement, JSON.stringify(chunk), ...params);
  }
}

/** Inserts rows (every row has every column) in a few statements. */
export async function insertRows(
  tx: Tx,
  engine: DbEngine,
  table: string,
  columns: Record<string, ColumnType>,
  rows: Record<string, Value>[],
): Promise<void> {
  if (rows.length === 0) return;
  const list = Object.keys(columns).map(quote).join(", ");
  const sql = `INSERT INTO ${quote(table)} (${list}) SELECT ${list} FROM ${jsonRowsTable(engine, 1, columns)}`;
  await inChunks(tx, engine, sql, columns, rows);
}

/**
 * Updates rows by their `key` column in a few statements: every other column of `columns`
 * is set to the row's value.
 */
export async function updateRows(
  tx: Tx,
  engine: DbEngine,
  table: string,
  key: string,
  columns: Record<string, ColumnType>,
  rows: Record<string, Value>[],
): Promise<void> {
  if (rows.length === 0) return;
  const set = Object.keys(columns)
    .filter((name) => name !== key)
    .map((name) => `${quote(name)} = v.${quote(name)}`)
    .join(", ");
  const sql = `UPDATE ${quote(table)} SET ${set} FROM ${jsonRowsTable(engine, 1, columns)} WHERE ${quote(table)}.${quote(key)} = v.${quote(key)}`;
  await inChunks(tx, engine, sql, columns, rows);
}

/** Runs a keyed lookup in chunks of rowsPerStatement keys, concatenating the rows. */
export async function selectByKeys<Row>(keys: string[], select: (chunk: string) => Promise<Row[]>): Promise<Row[]> {
  const rows: Row[] = [];
  for (let offset = 0; offset < keys.length; offset += rowsPerStatement) {
    rows.push(...(await select(JSON.stringify(keys.slice(offset, offset + rowsPerStatement)))));
  }
  return rows;
}

/** Placeholder of the n-th (1-based) parameter. SQLite's `?` are taken in order of appearance. */
export function param(engine: DbEngine, n: number): string {
  return engine === "sqlite" ? "?" : `$${n}`;
}

/** `(…)` holding the strings of a JSON array parameter, for `column IN <this>`. */
export function jsonTextSet(engine: DbEngine, n: number): string {
  return engine === "sqlite" ? "(SELECT value FROM json_each(?))" : `(SELECT jsonb_array_elements_text($${n}::jsonb))`;
}
