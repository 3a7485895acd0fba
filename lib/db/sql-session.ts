// A connection of its own for a connector run, at the driver level: better-sqlite3 on
// the same SQLite file as the Prisma client, or one `pg` client. Imports write tens of
// thousands of rows per unit of work in a few large statements, where Prisma's raw-query
// path costs ~1 ms per statement plus ~55 µs per KiB of parameters (its wasm query
// compiler); the driver costs a few µs. Only the bulk data-access modules
// (lib/db/bulk-sql.ts and its users) write SQL against it, inside transaction(). The
// shared reader of the hot read paths (lib/db/sql.ts) is another thing: one connection (or
// pool) for the whole process, no write transactions.
import "server-only";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { type DbEngine, engineOf, sqlitePath } from "@/lib/db/client-url";
import { type Db, engineOfDb } from "@/lib/db/client";
import { utcTypes } from "@/lib/db/sql";

/** What a statement takes: booleans and dates are stored as Prisma stores them (see bind). */
export type SqlParam = string | number | boolean | Date | null;

/** Statements inside one transaction of a session. */
export interface SqlTx {
  readonly engine: DbEngine;
  /** Rows as the driver returns them: SQLite gives booleans as 0/1 and dates as text. */
  query<Row>(sql: string, params?: readonly SqlParam[]): Promise<Row[]>;
  /** Runs a statement; resolves with the number of rows it changed. */
  execute(sql: string, params?: readonly SqlParam[]): Promise<number>;
}

export type TransactionOptions = {
  /** roll back even when `fn` succeeds (a dry run); its result is still returned */
  rollback?: boolean;
};

export interface SqlSession {
  readonly engine: DbEngine;
  /**
   * Runs `fn` in one transaction: committed when it resolves, rolled back when it throws.
   * One at a time per session. On SQLite statements run synchronously, so a transaction
   * whose `fn` awaits only its statements holds the write lock within one turn of the
   * event loop: the Prisma client's connection in this process never waits for it (a
   * wait there would block the event loop, and this transaction with it).
   */
  transaction<T>(fn: (tx: SqlTx) => Promise<T>, options?: TransactionOptions): Promise<T>;
  close(): Promise<void>;
}

/** A DateTime as Prisma stores it: SQLite text "…T…+00:00", PostgreSQL timestamp(3) without zone (UTC). */
export function sqlDate(engine: DbEngine, date: Date): string {
  const iso = date.toISOString();
  return engine === "sqlite" ? iso.replace("Z", "+00:00") : iso.slice(0, -1);
}

function bind(engine: DbEngine, value: SqlParam): string | number | boolean | null {
  if (value instanceof Date) return sqlDate(engine, value);
  // better-sqlite3 cannot bind a boolean; Prisma stores SQLite booleans as 0/1.
  if (typeof value === "boolean" && engine === "sqlite") return value ? 1 : 0;
  return value;
}

/** The engine of a Prisma client or of a session's transaction. */
export function engineOfTarget(target: Db | SqlTx): DbEngine {
  return "execute" in target ? target.engine : engineOfDb(target);
}

/**
 * Runs one statement on a Prisma client, or inside a session's transaction: for the few
 * statements made both in a unit's transaction and outside one (the lease, run counts).
 */
export function executeOn(target: Db | SqlTx, sql: string, params: readonly SqlParam[]): Promise<number> {
  if ("execute" in target) return target.execute(sql, params);
  const engine = engineOfDb(target);
  return target.$executeRawUnsafe(sql, ...params.map((p) => bind(engine, p)));
}

let openSessions = 0;

/** Sessions of this process opened and not closed yet (tests check that runs close theirs). */
export function openSqlSessionCount(): number {
  return openSessions;
}

export type SessionOptions = {
  /** SQLite: how long a transaction waits for the write lock before failing with SQLITE_BUSY (default 10 s) */
  lockWaitMs?: number;
};

/** Opens a session on the database of `databaseUrl` (the URL a Prisma client was made from). */
export async function openSqlSession(databaseUrl: string, options: SessionOptions = {}): Promise<SqlSession> {
  const session =
    engineOf(databaseUrl) === "sqlite"
      ? openSqlite(sqlitePath(databaseUrl), options.lockWaitMs ?? lockWaitMs)
      : await openPostgres(databaseUrl);
  openSessions++;
  let closed = false;
  return {
    engine: session.engine,
    transaction: (fn, options) => session.transaction(fn, options),
    async close() {
      if (closed) return;
      closed = true;
      openSessions--;
      await session.close();
    },
  };
}

/** How long a transaction waits for SQLite's write lock, as long as the Prisma adapter waits. */
const lockWaitMs = 10_000;

function openSqlite(path: string, lockWaitMs: number): SqlSession {
  mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path, { timeout: lockWaitMs });
  // Under WAL, NORMAL loses no committed transaction when the process dies (only on a
  // power cut may the last ones roll back), and saves an fsync per commit. Either way a
  // unit's data, cursor and counts commit or roll back together: a lost unit is pulled again.
  sqlite.pragma("synchronous = NORMAL");
  // Checkpoint every ~40 MiB of WAL instead of the default ~4 MiB, which a few units of
  // 1,000 contacts fill: fewer checkpoints (each copies and syncs pages) copy a page that
  // many units rewrote once. Measured: COMMIT time halves.
  sqlite.pragma("wal_autocheckpoint = 10000");
  // Statements are prepared once per session: an import repeats a few dozen of them.
  const statements = new Map<string, Database.Statement>();
  const prepared = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = sqlite.prepare(sql)));
    return statement;
  };
  const values = (params: readonly SqlParam[]) => params.map((p) => bind("sqlite", p));
  const tx: SqlTx = {
    engine: "sqlite",
    query: async <Row>(sql: string, params: readonly SqlParam[] = []) => prepared(sql).all(...values(params)) as Row[],
    execute: async (sql: string, params: readonly SqlParam[] = []) => prepared(sql).run(...values(params)).changes,
  };
  return {
    engine: "sqlite",
    async transaction(fn, options = {}) {
      await beginImmediate(sqlite, lockWaitMs);
      try {
        const result = await fn(tx);
        sqlite.exec(options.rollback ? "ROLLBACK" : "COMMIT");
        return result;
      } catch (error) {
        if (sqlite.inTransaction) sqlite.exec("ROLLBACK");
        throw error;
      }
    },
    async close() {
      sqlite.close();
    },
  };
}

/**
 * Takes the write lock first (so nothing read in the transaction is stale), waiting for
 * it without blocking the event loop: better-sqlite3 is synchronous, so a busy wait in
 * SQLite would also stop the other connection of this process (the Prisma client) from
 * finishing the transaction we wait for. Once held, the lock is only released at commit.
 */
async function beginImmediate(sqlite: Database.Database, lockWaitMs: number): Promise<void> {
  const deadline = Date.now() + lockWaitMs;
  sqlite.pragma("busy_timeout = 0");
  try {
    for (let pause = 1; ; pause = Math.min(pause * 2, 50)) {
      try {
        sqlite.exec("BEGIN IMMEDIATE");
        return;
      } catch (error) {
        if ((error as { code?: string }).code !== "SQLITE_BUSY" || Date.now() >= deadline) throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  } finally {
    sqlite.pragma(`busy_timeout = ${lockWaitMs}`);
  }
}

async function openPostgres(url: string): Promise<SqlSession> {
  const client = new pg.Client({ connectionString: url, types: utcTypes, application_name: "crm-bridge-connector" });
  // A connection that breaks between statements reports here; the next statement then fails.
  client.on("error", () => {});
  await client.connect();
  // A commit does not wait for its WAL flush: only a crash of the server itself may lose
  // the last ones, each whole (data, cursor and counts together), so they are pulled again.
  await client.query("SET synchronous_commit = off");
  // No JIT compilation: an import's statements are key lookups and bulk writes, and on a
  // never-analyzed database their cost estimates pass jit_above_cost, so each lookup of
  // 1,000 keys spent 280 ms compiling and 8 ms running (measured at 100,000 contacts).
  await client.query("SET jit = off");
  const values = (params: readonly SqlParam[]) => params.map((p) => bind("postgresql", p));
  const tx: SqlTx = {
    engine: "postgresql",
    query: async <Row>(sql: string, params: readonly SqlParam[] = []) =>
      (await client.query(sql, values(params))).rows as Row[],
    execute: async (sql: string, params: readonly SqlParam[] = []) =>
      (await client.query(sql, values(params))).rowCount ?? 0,
  };
  return {
    engine: "postgresql",
    async transaction(fn, options = {}) {
      await client.query("BEGIN");
      try {
        const result = await fn(tx);
        await client.query(options.rollback ? "ROLLBACK" : "COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {
          // The connection is gone: so is the transaction.
        });
        throw error;
      }
    },
    async close() {
      await client.end();
    },
  };
}
