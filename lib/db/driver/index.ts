// The driver: every statement the app runs outside Prisma goes through this module, on
// both engines, with one placeholder convention (`$1…$n`, statements.ts), one statement
// cache (statement-cache.ts), one way to open a connection (open.ts), one transaction
// helper (transaction.ts) and rows read in one place (values.ts).
//
// Why not Prisma here: Prisma runs every statement through its query compiler, about
// 1.3 ms of CPU for a trivial raw SELECT against 0.014 ms for the same statement on
// better-sqlite3, so a contact view of ten small lookups paid more for Prisma than for
// rendering; and on imports its raw-query path cost ~1 ms per statement plus ~55 µs per
// KiB of parameters, more than the writes themselves. Prisma stays for the admin pages
// and the schema.
//
// Why not a query builder (Kysely 0.29.9, measured 2026-12-05 in one process, the widget's
// record lookup — a reference by system and id, then the contact by id — 20,000 contacts,
// medians of 7 rounds): SQLite 6.6–11.9 µs here against 46–78 µs through Kysely (×6.5–7:
// it builds and compiles each query and prepares the statement on every call), PostgreSQL
// 288–389 µs against 609–705 µs (×1.8–2.1: unnamed statements, parsed and planned every
// time). It also requires Node 22, and our statements are few and written by hand.
import "server-only";
export type { DbEngine } from "@/lib/db/client-url";
export type { MaintenanceSql, Sql, SqlTx, TransactionOptions } from "./statements";
export { type ColumnKinds, type SqlValue, readBoolean, readDate, sqlDate } from "./values";
export {
  type SharedUse,
  type SessionOptions,
  type MaintenanceOptions,
  closeSqlFor,
  openMaintenance,
  openSession,
  openSessionCount,
  sessionApplicationName,
  sqlFor,
} from "./open";
export {
  SqlFragment,
  compileFragment,
  emptyFragment,
  fragment,
  joinFragments,
  queryFragment,
  rawFragment,
} from "./fragment";
export {
  type ColumnType,
  type Value,
  inChunks,
  inJsonTexts,
  insertRows,
  jsonRowsTable,
  rowsPerStatement,
  selectByKeys,
  updateRows,
} from "./bulk";
export { sql, sqlOf, writerOf } from "./configured";
export { optimizeMask } from "./sqlite-optimize";
