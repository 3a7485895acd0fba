// The one way to open a connection. Each use has the lock and busy settings it needs:
// - "request": the hot read paths (views, search, health) and deferred records, shared by
//   the process. Short bounded waits (contract section 8): past them a read fails as
//   `unavailable` (lib/db/unavailable.ts) instead of holding the page.
// - "writes": the connector's bookkeeping outside a unit (the lease, closing runs), shared
//   by the process, which may be the server. Waits for a lock as briefly as the Prisma
//   client does (lib/db/locked-writes.ts); its callers try again (withDatabaseRetry).
// - a session (openSession): a connector run's own connection for its units, one per run,
//   whose transactions take SQLite's write lock first.
// - "maintenance" (openMaintenance): migrations and planner statistics, a connection of
//   their own that waits long for a lock (a migration must not fail because an import
//   commits) and runs scripts of several statements.
import "server-only";
import { type DbEngine, engineOf, sqlitePath } from "@/lib/db/client-url";
import { postgresLockWaitMs, sqliteLockWaitMs } from "@/lib/db/locked-writes";
import type { MaintenanceSql, Sql } from "./statements";
import { type SqliteSettings, openSqlite } from "./sqlite";
import { type PostgresSettings, openPostgresClient, openPostgresPool } from "./postgres";

export type SharedUse = "request" | "writes";

/**
 * Request path on SQLite: better-sqlite3 waits synchronously, stopping every other
 * request of the process meanwhile, so the bound is short. Under WAL, reads do not wait
 * for writers at all; this bounds the rare waits that remain (recovery, a checkpoint that
 * truncates, a database not in WAL mode).
 */
const sqliteReadBusyMs = 250;
/** How long a session's statements wait for SQLite's lock, inside a transaction that holds it already. */
const sqliteWriteBusyMs = 10_000;
/** How long a migration waits for SQLite's write lock (another migrator, an import's commit). */
const sqliteMaintenanceBusyMs = 30_000;

type OwnUse = "session" | "maintenance";

const sqlite: Record<SharedUse | OwnUse, SqliteSettings> = {
  request: {
    busyMs: sqliteReadBusyMs,
    // A missing file is an outage (the database was moved or its disk is not mounted),
    // not an empty database to create behind the migrations' back.
    fileMustExist: true,
    // A 64 MiB page cache (SQLite's default is 2 MiB): the views read random contacts all
    // over a large file, and each page found here is a read() system call saved.
    pragmas: ["cache_size = -65536"],
    optimize: true,
    transactions: false,
  },
  writes: { busyMs: sqliteLockWaitMs, fileMustExist: false, pragmas: [], optimize: false, transactions: false },
  session: {
    busyMs: sqliteWriteBusyMs,
    fileMustExist: false,
    pragmas: [
      // Under WAL, NORMAL loses no committed transaction when the process dies (only on a
      // power cut may the last ones roll back), and saves an fsync per commit. Either way a
      // unit's data, cursor and counts commit or roll back together: a lost unit is pulled again.
      "synchronous = NORMAL",
      // Checkpoint every ~40 MiB of WAL instead of the default ~4 MiB, which a few units of
      // 1,000 contacts fill: fewer checkpoints (each copies and syncs pages) copy a page that
      // many units rewrote once. Measured: COMMIT time halves.
      "wal_autocheckpoint = 10000",
    ],
    optimize: false,
    transactions: true,
  },
  maintenance: {
    busyMs: sqliteMaintenanceBusyMs,
    // openMaintenance says whether the file may be created (migrations only).
    fileMustExist: true,
    // Persistent: the file stays in WAL mode for every connection after (a no-op once it is).
    pragmas: ["journal_mode = WAL"],
    // Statistics are refreshed when the caller asks (lib/db/optimize.ts, lib/db/migrate.ts).
    optimize: false,
    transactions: true,
  },
};

// jit=off everywhere: these are key lookups and bulk writes; on a large never-analyzed
// database their cost estimates pass jit_above_cost and each execution compiled code for
// ~100 ms (a lookup of 1,000 keys during an import: 280 ms compiling, 8 ms running).
const postgres: Record<SharedUse | OwnUse, PostgresSettings & { max: number }> = {
  // lock_timeout and the connect timeout bound what a request waits for (contract
  // section 8): past them it answers `unavailable` instead of hanging on a locked table
  // or a server that does not answer.
  request: { max: 10, connectTimeoutMs: 1500, lockTimeoutMs: 500, settings: { jit: "off" }, named: true },
  writes: { max: 2, connectTimeoutMs: 2000, lockTimeoutMs: postgresLockWaitMs, settings: { jit: "off" }, named: false },
  session: {
    max: 1,
    applicationName: sessionApplicationName(),
    // A commit does not wait for its WAL flush: only a crash of the server itself may lose
    // the last ones, each whole (data, cursor and counts together), so they are pulled again.
    settings: { jit: "off", synchronous_commit: "off" },
    named: false,
  },
  // No lock or connect timeout: a migration waits for the locks its DDL needs, and for the
  // other migrator (an advisory lock); ANALYZE takes no lock that writes wait for.
  maintenance: { max: 1, settings: {}, named: false },
};

/** How a run's own connections are named on PostgreSQL (tests count them in pg_stat_activity). */
export function sessionApplicationName(): string {
  return "crm-bridge-connector";
}

function openShared(databaseUrl: string, use: SharedUse, onBroken: () => void): Sql {
  if (engineOf(databaseUrl) === "sqlite") return openSqlite(sqlitePath(databaseUrl), sqlite[use], onBroken);
  return openPostgresPool(databaseUrl, postgres[use], postgres[use].max);
}

// One per database and use for the process, on globalThis like the Prisma client
// (lib/db/client.ts): Next.js may bundle this module more than once in one server.
const globalForSql = globalThis as unknown as { crmBridgeSql?: Map<string, Sql> };
const shared = (globalForSql.crmBridgeSql ??= new Map<string, Sql>());
const keyOf = (databaseUrl: string, use: SharedUse) => `${use} ${databaseUrl}`;

/** The process's connection(s) of one use to a database (opened on first use, then shared). */
export function sqlFor(databaseUrl: string, use: SharedUse = "request"): Sql {
  const key = keyOf(databaseUrl, use);
  let found = shared.get(key);
  if (!found) {
    // A SQLite file that cannot be opened throws here, and nothing is kept: the next call
    // tries again, so the app comes back by itself when the file does. A handle that
    // breaks later is dropped the same way.
    const opened = openShared(databaseUrl, use, () => {
      if (shared.get(key) === opened) {
        shared.delete(key);
        void opened.close().catch(() => {});
      }
    });
    shared.set(key, opened);
    found = opened;
  }
  return found;
}

/** Closes the process's connections to a database, if any were opened (a later sqlFor opens new ones). */
export async function closeSqlFor(databaseUrl: string): Promise<void> {
  const uses: SharedUse[] = ["request", "writes"];
  const found = uses.map((use) => shared.get(keyOf(databaseUrl, use)));
  for (const use of uses) shared.delete(keyOf(databaseUrl, use));
  await Promise.all(found.map((sql) => sql?.close() ?? Promise.resolve()));
}

let openSessions = 0;

/** Sessions of this process opened and not closed yet (tests check that runs close theirs). */
export function openSessionCount(): number {
  return openSessions;
}

export type SessionOptions = {
  /** SQLite: how long a transaction waits for the write lock before failing with SQLITE_BUSY (default 10 s) */
  lockWaitMs?: number;
};

/** A connection of its own (a connector run's), closed by its owner. */
export async function openSession(databaseUrl: string, options: SessionOptions = {}): Promise<Sql> {
  const engine: DbEngine = engineOf(databaseUrl);
  const session =
    engine === "sqlite"
      ? openSqlite(sqlitePath(databaseUrl), { ...sqlite.session, busyMs: options.lockWaitMs ?? sqliteWriteBusyMs })
      : await openPostgresClient(databaseUrl, postgres.session);
  openSessions++;
  let closed = false;
  return {
    ...session,
    async close() {
      if (closed) return;
      closed = true;
      openSessions--;
      await session.close();
    },
  };
}

export type MaintenanceOptions = {
  /** SQLite: create the file (and its folder) when missing — migrations do; anything else finds an outage. */
  create?: boolean;
};

/** A connection of its own for migrations or planner statistics, closed by its owner. */
export async function openMaintenance(databaseUrl: string, options: MaintenanceOptions = {}): Promise<MaintenanceSql> {
  if (engineOf(databaseUrl) === "sqlite") {
    return openSqlite(sqlitePath(databaseUrl), { ...sqlite.maintenance, fileMustExist: !options.create });
  }
  return openPostgresClient(databaseUrl, postgres.maintenance);
}
