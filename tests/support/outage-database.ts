// A database the tests can take away and lock, on either engine, for the outage tests
// (contract section 8). Never touches the shared PostgreSQL cluster itself:
// - PostgreSQL: a fresh test database reached through a TCP proxy on 127.0.0.1; stop()
//   cuts every connection and refuses new ones, start() listens again on the same port.
// - SQLite: an open SQLite file cannot be taken from a process (its descriptor keeps
//   working), so an outage is a file that cannot be opened — a disk not mounted, a restore
//   under way. stop() puts a directory where the file should be, start() the file back.
// lock() holds what an import or a backup holds: SQLite's write lock (BEGIN IMMEDIATE on a
// connection of its own), or ACCESS EXCLUSIVE locks on the tables the contact views read
// and the verification log writes.
import { mkdirSync, mkdtempSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { startTcpProxy } from "./tcp-proxy";
import { engineOf, sqlitePath } from "@/lib/db/client-url";
import { closeSqlFor } from "@/lib/db/sql";
import { createTestDatabase, type TestDatabase } from "./test-database";

export type OutageDatabase = {
  /** what the app is given as DATABASE_URL */
  readonly url: string;
  /** the database itself, bypassing the outage (to seed it) */
  readonly directUrl: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** holds a lock until the returned function is called */
  lock(): Promise<() => Promise<void>>;
  drop(): Promise<void>;
};

const lockedTables = [
  "Contact",
  "ContactEmail",
  "ContactPhone",
  "ExternalRef",
  "Note",
  "Lead",
  "KeyUse",
  "VerificationFailure",
];

export async function createOutageDatabase(baseUrl = process.env.DATABASE_URL): Promise<OutageDatabase> {
  const database = await createTestDatabase(baseUrl);
  return engineOf(database.url) === "sqlite" ? sqliteOutage(database) : postgresOutage(database);
}

function sqliteOutage(database: TestDatabase): OutageDatabase {
  const real = sqlitePath(database.url);
  const dir = mkdtempSync(join(tmpdir(), "crm-bridge-outage-"));
  const served = join(dir, "crm-bridge.db");
  const aside = join(dir, "aside.db");
  renameSync(real, served);
  return {
    url: `file:${served}`,
    directUrl: `file:${served}`,
    async stop() {
      renameSync(served, aside);
      mkdirSync(served);
      // This process's reader would go on reading the file it has open (seeding opened
      // it): closed, as in a server started while the file is away.
      await closeSqlFor(`file:${served}`);
    },
    async start() {
      rmSync(served, { recursive: true, force: true });
      renameSync(aside, served);
    },
    async lock() {
      const holder = new Database(served);
      holder.exec("BEGIN IMMEDIATE");
      return async () => {
        holder.exec("ROLLBACK");
        holder.close();
      };
    },
    async drop() {
      await closeSqlFor(`file:${served}`);
      rmSync(dir, { recursive: true, force: true });
      await database.drop();
    },
  };
}

async function postgresOutage(database: TestDatabase): Promise<OutageDatabase> {
  const target = new URL(database.url);
  const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
  const proxied = proxy.urlFor(database.url);
  return {
    url: proxied,
    directUrl: database.url,
    stop: () => proxy.stop(),
    start: () => proxy.start(),
    async lock() {
      const holder = new pg.Client({ connectionString: database.url });
      await holder.connect();
      await holder.query("BEGIN");
      await holder.query(`LOCK TABLE ${lockedTables.map((t) => `"${t}"`).join(", ")} IN ACCESS EXCLUSIVE MODE`);
      return async () => {
        await holder.query("ROLLBACK");
        await holder.end();
      };
    },
    async drop() {
      await closeSqlFor(proxied);
      await proxy.close();
      await database.drop();
    },
  };
}
