// Reads on the database driver itself, for the hot paths agents hit all day (the contact
// views and the search). Prisma runs every statement through its query compiler: about
// 1.3 ms of CPU for a trivial raw SELECT, against 0.014 ms for the same statement on
// better-sqlite3 (measured here), so a view of ten small lookups paid more for Prisma than
// for rendering. Statements are written once for both engines with `$1…$n` placeholders
// (SQLite takes them as named parameters); values are always parameters.
import "server-only";
import { createHash } from "node:crypto";
import Database from "better-sqlite3";
import pg from "pg";
import { env } from "@/lib/env";
import { type DbEngine, engineOf, sqlitePath } from "@/lib/db/client-url";
import { type Db, databaseUrlOf } from "@/lib/db/client";
import { keepSqliteOptimized } from "@/lib/db/optimize";

export type SqlValue = string | number | null;

/** What a transaction's statements run on. */
export type SqlQuery = Pick<Sql, "engine" | "query">;

export interface Sql {
  readonly engine: DbEngine;
  /** Closes the connection(s); only for tests and scripts that drop or leave a database. */
  close(): Promise<void>;
  /** The rows of one statement (`$1…$n` placeholders, values in that order). */
  query<Row>(text: string, values?: readonly SqlValue[]): Promise<Row[]>;
  /**
   * Runs `fn`'s statements on one connection in one transaction (PostgreSQL: for planner
   * settings with SET LOCAL). On SQLite, statements run on the one connection anyway.
   */
  transaction<T>(fn: (sql: SqlQuery) => Promise<T>): Promise<T>;
  /**
   * Runs one write that only records something (lib/db/deferred-writes.ts) without waiting
   * for a lock: SQLite answers SQLITE_BUSY at once while another connection writes,
   * PostgreSQL gives up after the pool's lock_timeout. The caller tries again later.
   */
  writeWithoutWaiting(text: string, values?: readonly SqlValue[]): Promise<void>;
}

/**
 * How long a read on a request path waits for a lock another connection holds. better-sqlite3
 * waits synchronously, stopping every other request of the process meanwhile, so the bound
 * is short: past it the read fails as `unavailable` (lib/db/unavailable.ts). Under WAL,
 * reads do not wait for writers at all; this bounds the rare waits that remain (recovery,
 * a checkpoint that truncates, a database not in WAL mode).
 */
const sqliteReadBusyMs = 250;
/** PostgreSQL: how long a statement of the reader waits for a lock (e.g. LOCK TABLE, a migration). */
const postgresLockTimeoutMs = 500;
/** PostgreSQL: how long opening a connection may take before the request gives up. */
const postgresConnectTimeoutMs = 1500;

/** SQLite errors after which a handle is not used again: the next request opens the file afresh. */
const brokenHandleCodes = ["SQLITE_CANTOPEN", "SQLITE_IOERR", "SQLITE_NOTADB"];

function sqliteSql(path: string, onBroken: () => void): Sql {
  // fileMustExist: a missing file is an outage to report (the database was moved or its
  // disk is not mounted), not an empty database to create behind the migrations' back.
  const connection = new Database(path, { timeout: sqliteReadBusyMs, fileMustExist: true });
  // A 64 MiB page cache (SQLite's default is 2 MiB): the views read random contacts all
  // over a large file, and each page found here is a read() system call saved.
  connection.pragma("cache_size = -65536");
  // Planner statistics as SQLite recommends for a long-lived connection (lib/db/optimize.ts).
  const stopOptimizing = keepSqliteOptimized(connection);
  // Statements are constants of the data-access modules: a bounded set, each prepared once.
  const prepared = new Map<string, Database.Statement>();
  const statement = (text: string) => {
    let found = prepared.get(text);
    if (!found) prepared.set(text, (found = connection.prepare(text)));
    return found;
  };
  const named = (values: readonly SqlValue[]) => Object.fromEntries(values.map((value, i) => [i + 1, value]));
  const guarded = <T>(run: () => T): T => {
    try {
      return run();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (typeof code === "string" && brokenHandleCodes.some((c) => code.startsWith(c))) onBroken();
      throw error;
    }
  };
  const sql: Sql = {
    engine: "sqlite",
    close: async () => {
      stopOptimizing();
      connection.close();
    },
    async query<Row>(text: string, values: readonly SqlValue[] = []) {
      return guarded(() => {
        const s = statement(text);
        return (s.reader ? s.all(named(values)) : (s.run(named(values)), [])) as Row[];
      });
    },
    // better-sqlite3 answers synchronously: with the statements of these read paths there
    // is nothing to isolate, so `fn` simply runs.
    transaction: (fn) => fn(sql),
    async writeWithoutWaiting(text: string, values: readonly SqlValue[] = []) {
      // Synchronous from here to the finally: no other statement of this connection can
      // run in between, so the bound of the reads is back before anything else reads.
      connection.pragma("busy_timeout = 0");
      try {
        guarded(() => statement(text).run(named(values)));
      } finally {
        connection.pragma(`busy_timeout = ${sqliteReadBusyMs}`);
      }
    },
  };
  return sql;
}

// timestamp(3) columns hold UTC without a zone (as Prisma writes them): read them as UTC,
// not in the server's local time zone (pg's default).
const timestampWithoutZone = 1114;
export const utcTypes = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === timestampWithoutZone
      ? (text: string) => new Date(`${text.replace(" ", "T")}Z`)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

function postgresSql(connectionString: string): Sql {
  // allowExitOnIdle: a script that read something may end without closing the pool.
  // lock_timeout and connectionTimeoutMillis bound what a request waits for (contract
  // section 8): past them it answers `unavailable` instead of hanging on a locked table
  // or a server that does not answer. jit=off: these are lookups of a few rows; on a large
  // never-analyzed database their cost estimates pass jit_above_cost and each execution
  // would compile code for ~100 ms.
  const pool = new pg.Pool({
    connectionString,
    types: utcTypes,
    max: 10,
    allowExitOnIdle: true,
    lock_timeout: postgresLockTimeoutMs,
    connectionTimeoutMillis: postgresConnectTimeoutMs,
    options: "-c jit=off",
  });
  // An idle connection the server ended (a restart, a dropped test database) is reported
  // here and replaced on the next query; unheard, the event would stop the process. A
  // connection that fails during a query is discarded by the pool: nothing broken is kept.
  pool.on("error", () => {});
  // Named statements: each connection parses and plans one once, then only executes it
  // (the texts are constants of the data-access modules, so the names are few).
  const names = new Map<string, string>();
  const nameOf = (text: string) => {
    let name = names.get(text);
    if (!name) names.set(text, (name = `crm_bridge_${createHash("sha1").update(text).digest("hex").slice(0, 16)}`));
    return name;
  };
  const run = async <Row>(client: pg.Pool | pg.PoolClient, text: string, values: readonly SqlValue[] = []) =>
    (await client.query({ name: nameOf(text), text, values: values as SqlValue[] })).rows as Row[];
  return {
    engine: "postgresql",
    close: () => pool.end(),
    query: (text, values) => run(pool, text, values),
    async writeWithoutWaiting(text, values = []) {
      await pool.query(text, values as SqlValue[]);
    },
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await fn({ engine: "postgresql", query: (text, values) => run(client, text, values) });
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
  };
}

// One per database for the process, on globalThis like the Prisma client (lib/db/client.ts).
const globalForSql = globalThis as unknown as { crmBridgeSql?: Map<string, Sql> };
const byUrl = (globalForSql.crmBridgeSql ??= new Map<string, Sql>());

/** The driver-level reader of a database (created on first use, then shared). */
export function sqlFor(databaseUrl: string): Sql {
  let found = byUrl.get(databaseUrl);
  if (!found) {
    // A SQLite file that cannot be opened throws here, and nothing is kept: the next call
    // tries again, so the app comes back by itself when the file does.
    const opened =
      engineOf(databaseUrl) === "sqlite"
        ? sqliteSql(sqlitePath(databaseUrl), () => {
            if (byUrl.get(databaseUrl) === opened) void closeSqlFor(databaseUrl).catch(() => {});
          })
        : postgresSql(databaseUrl);
    byUrl.set(databaseUrl, opened);
    found = opened;
  }
  return found;
}

/** Closes the reader of a database, if one was opened (a later sqlFor opens a new one). */
export async function closeSqlFor(databaseUrl: string): Promise<void> {
  const found = byUrl.get(databaseUrl);
  byUrl.delete(databaseUrl);
  await found?.close();
}

/** The reader of the database a Prisma client made by createDb works on. */
export function sqlOf(client: Db): Sql {
  return sqlFor(databaseUrlOf(client));
}

/** The reader of the configured database (DATABASE_URL). */
export function sql(): Sql {
  return sqlFor(env().databaseUrl);
}

/** A date as read from either engine: SQLite gives Prisma's text form, PostgreSQL a Date. */
export function readDate(value: string | Date): Date {
  return value instanceof Date ? value : new Date(value);
}

/** A boolean as read from either engine: SQLite gives 0 or 1. */
export function readBoolean(value: boolean | number): boolean {
  return value === true || value === 1;
}
