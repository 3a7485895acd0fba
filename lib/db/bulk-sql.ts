// Bulk statements for imports of many thousands of rows, run on a connector run's own
// connection (lib/db/sql-session.ts). Each statement takes its rows as ONE JSON
// parameter, an array of arrays, that the database unpacks itself (SQLite json_each,
// PostgreSQL jsonb_array_elements): one statement per table and chunk instead of one per
// row (measured on SQLite: 5× faster than one prepared INSERT per row, the full-text
// search triggers cost much per statement), and no bind-variable limits. Table and column names are constants of the calling
// module, never input; values are parameters. Values are written as Prisma writes them
// (dates: sqlDate; SQLite booleans: JSON true/false, which json_each reads as 1/0), so
// the app reads these rows through Prisma like its own.
import "server-only";
import type { DbEngine } from "@/lib/db/client-url";
import { type SqlTx, sqlDate } from "@/lib/db/sql-session";
import { inJsonKeys } from "@/lib/db/index-plans";

export type ColumnType = "text" | "boolean" | "timestamp";
export type Value = string | boolean | Date | null;

const identifier = /^[A-Za-z_][A-Za-z0-9_]*$/;
const postgresTypes: Record<ColumnType, string> = { text: "text", boolean: "boolean", timestamp: "timestamp(3)" };
/**
 * Rows per INSERT and keys per lookup: bounds each statement's JSON parameter (~120 KiB).
 * Prisma once needed this cap (it kept recent parameters in memory); on the driver,
 * 10,000-row statements measured no faster, so it stays.
 */
export const rowsPerStatement = 1000;

function quote(name: string): string {
  if (!identifier.test(name)) throw new Error(`not a plain SQL identifier: ${name}`);
  return `"${name}"`;
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
  tx: SqlTx,
  statement: string,
  columns: Record<string, ColumnType>,
  rows: Record<string, Value>[],
  extra: Value[] = [],
): Promise<void> {
  const { engine } = tx;
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
    const chunk = rows
      .slice(offset, offset + rowsPerStatement)
      .map((row) => names.map((name) => encode(row[name] ?? null)));
    await tx.execute(statement, [JSON.stringify(chunk), ...params]);
  }
}

/** Inserts rows (every row has every column) in a few statements. */
export async function insertRows(
  tx: SqlTx,
  table: string,
  columns: Record<string, ColumnType>,
  rows: Record<string, Value>[],
): Promise<void> {
  if (rows.length === 0) return;
  const list = Object.keys(columns).map(quote).join(", ");
  const sql = `INSERT INTO ${quote(table)} (${list}) SELECT ${list} FROM ${jsonRowsTable(tx.engine, 1, columns)}`;
  await inChunks(tx, sql, columns, rows);
}

/**
 * Updates rows by their `key` column in a few statements: every other column of `columns`
 * is set to the row's value.
 */
export async function updateRows(
  tx: SqlTx,
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
  const sql = `UPDATE ${quote(table)} SET ${set} FROM ${jsonRowsTable(tx.engine, 1, columns)} WHERE ${quote(table)}.${quote(key)} = v.${quote(key)}`;
  await inChunks(tx, sql, columns, rows);
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

/** `IN <the strings of a JSON array parameter n>`, for `column <this>` (see lib/db/index-plans.ts). */
export function inJsonTexts(engine: DbEngine, n: number): string {
  return inJsonKeys(engine, param(engine, n));
}
