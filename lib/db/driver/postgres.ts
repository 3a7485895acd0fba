// A `pg` pool (shared by the process) or one client (a connector run's own) behind the
// driver's interface (statements.ts). What differs between uses comes from open.ts.
import "server-only";
import { createHash } from "node:crypto";
import pg from "pg";
import type { MaintenanceSql, SqlTx } from "./statements";
import { statementCache } from "./statement-cache";
import { runTransaction } from "./transaction";
import { type SqlValue, bindValue, readRows } from "./values";

export type PostgresSettings = {
  applicationName?: string;
  /** how long opening a connection may take (ms) */
  connectTimeoutMs?: number;
  /** how long a statement waits for a lock (ms) before failing */
  lockTimeoutMs?: number;
  /** server settings for every connection (`-c name=value`) */
  settings: Record<string, string>;
  /**
   * Named statements: each connection parses and plans a statement once, then only
   * executes it. For the request path's lookups; bulk statements are planned afresh,
   * with their values (their JSON parameters vary from a few keys to a thousand).
   */
  named: boolean;
};

// timestamp(3) columns hold UTC without a zone (as Prisma writes them): read them as UTC,
// not in the server's local time zone (pg's default).
const timestampWithoutZone = 1114;
const utcTypes = {
  getTypeParser: ((oid: number, format?: "text" | "binary"): unknown =>
    oid === timestampWithoutZone
      ? (text: string) => new Date(`${text.replace(" ", "T")}Z`)
      : (pg.types.getTypeParser(oid, format) as unknown)) as typeof pg.types.getTypeParser,
};

const bound = (values: readonly SqlValue[]) => values.map((value) => bindValue("postgresql", value));
const nameOf = statementCache((text) => `crm_bridge_${createHash("sha1").update(text).digest("hex").slice(0, 16)}`);

function statementsOn(client: pg.Pool | pg.PoolClient | pg.Client, named: boolean): SqlTx {
  const run = (text: string, values: readonly SqlValue[]) =>
    client.query(named ? { name: nameOf(text), text, values: bound(values) } : { text, values: bound(values) });
  return {
    engine: "postgresql",
    async query(text, values = [], kinds) {
      return readRows((await run(text, values)).rows, kinds);
    },
    async execute(text, values = []) {
      return (await run(text, values)).rowCount ?? 0;
    },
  };
}

function endsOn(client: pg.PoolClient | pg.Client) {
  return {
    begin: async () => void (await client.query("BEGIN")),
    commit: async () => void (await client.query("COMMIT")),
    rollback: async () => void (await client.query("ROLLBACK")),
  };
}

function configOf(connectionString: string, settings: PostgresSettings): pg.ClientConfig {
  return {
    connectionString,
    types: utcTypes,
    application_name: settings.applicationName,
    connectionTimeoutMillis: settings.connectTimeoutMs,
    lock_timeout: settings.lockTimeoutMs,
    options: Object.entries(settings.settings)
      .map(([name, value]) => `-c ${name}=${value}`)
      .join(" "),
  };
}

/** PostgreSQL has no PRAGMA optimize: its statistics come from ANALYZE (lib/db/optimize.ts). */
const noOptimize = () => Promise.resolve(false);

/** One connection, opened now: a connector run's own. */
export async function openPostgresClient(
  connectionString: string,
  settings: PostgresSettings,
): Promise<MaintenanceSql> {
  const client = new pg.Client(configOf(connectionString, settings));
  // A connection that breaks between statements reports here; the next statement then fails.
  client.on("error", () => {});
  await client.connect();
  const tx = statementsOn(client, settings.named);
  return {
    ...tx,
    transaction: (fn, options) => runTransaction(endsOn(client), tx, fn, options),
    writeWithoutWaiting: async (text, values) => void (await tx.execute(text, values)),
    // Without values, pg sends the text as a simple query, which may hold several statements.
    script: async (text) => void (await client.query(text)),
    optimize: noOptimize,
    close: () => client.end(),
  };
}

/** A pool of `max` connections, opened as statements need them: shared by the process. */
export function openPostgresPool(connectionString: string, settings: PostgresSettings, max: number): MaintenanceSql {
  // allowExitOnIdle: a script that read something may end without closing the pool.
  const pool = new pg.Pool({ ...configOf(connectionString, settings), max, allowExitOnIdle: true });
  // An idle connection the server ended (a restart, a dropped test database) is reported
  // here and replaced on the next query; unheard, the event would stop the process. A
  // connection that fails during a query is discarded by the pool: nothing broken is kept.
  pool.on("error", () => {});
  const tx = statementsOn(pool, settings.named);
  return {
    ...tx,
    async transaction(fn, options) {
      const client = await pool.connect();
      try {
        return await runTransaction(endsOn(client), statementsOn(client, settings.named), fn, options);
      } finally {
        client.release();
      }
    },
    // A plain statement: these writes are few, not worth a prepared statement per connection.
    writeWithoutWaiting: async (text, values = []) => void (await pool.query(text, bound(values))),
    script: async (text) => void (await pool.query(text)),
    optimize: noOptimize,
    close: () => pool.end(),
  };
}
