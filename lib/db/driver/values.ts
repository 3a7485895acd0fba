// Values in and rows out, converted in one place for both engines. Values are stored as
// Prisma stores them, so rows written here read back through Prisma like its own: dates
// as SQLite text "…T…+00:00" or PostgreSQL timestamp(3) without zone (UTC), SQLite
// booleans as 0/1. Rows come back typed by the statement's column kinds (readRows).
import type { DbEngine } from "@/lib/db/client-url";

/** What a statement takes as a value. */
export type SqlValue = string | number | boolean | Date | null;

/** A DateTime as Prisma stores it: SQLite text "…T…+00:00", PostgreSQL timestamp(3) without zone (UTC). */
export function sqlDate(engine: DbEngine, date: Date): string {
  const iso = date.toISOString();
  return engine === "sqlite" ? iso.replace("Z", "+00:00") : iso.slice(0, -1);
}

/** A value as the engine's driver binds it. */
export function bindValue(engine: DbEngine, value: SqlValue): string | number | boolean | null {
  if (value instanceof Date) return sqlDate(engine, value);
  // better-sqlite3 cannot bind a boolean; Prisma stores SQLite booleans as 0/1.
  if (typeof value === "boolean" && engine === "sqlite") return value ? 1 : 0;
  return value;
}

/**
 * Columns whose raw value differs between the engines, by the kind to read them as:
 * `boolean` (SQLite gives 0/1), `date` (SQLite gives Prisma's text form), `number`
 * (PostgreSQL gives COUNT(*) and other bigints as text). Other columns are read as is.
 */
export type ColumnKind = "boolean" | "date" | "number";
export type ColumnKinds<Row> = Partial<Record<keyof Row & string, ColumnKind>>;

/** A date as read from either engine. */
export function readDate(value: string | Date): Date {
  return value instanceof Date ? value : new Date(value);
}

/** A boolean as read from either engine. */
export function readBoolean(value: boolean | number): boolean {
  return value === true || value === 1;
}

function readValue(kind: ColumnKind, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (kind === "boolean") return readBoolean(value as boolean | number);
  if (kind === "date") return readDate(value as string | Date);
  return Number(value);
}

/** Converts the columns named in `kinds`, in place (rows are fresh objects of the driver). */
export function readRows<Row>(rows: unknown[], kinds: ColumnKinds<Row> | undefined): Row[] {
  if (kinds) {
    const entries = Object.entries(kinds) as [string, ColumnKind][];
    for (const row of rows as Record<string, unknown>[])
      for (const [column, kind] of entries) if (column in row) row[column] = readValue(kind, row[column]);
  }
  return rows as Row[];
}
