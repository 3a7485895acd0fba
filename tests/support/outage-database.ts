// A database the tests can take away and lock, on either engine, for the outage tests
// (contract section 8). Never touches the shared PostgreSQL cluster itself:
// - PostgreSQL: a fresh test database reached through a TCP proxy on 127.0.0.1; stop()
//   cuts every connection and refuses new ones, start() listens again on the same port.
// - SQLite: an open SQLite file cannot be taken from a process (its descriptor keeps
//   working), so an outage is a file that cannot be opened — a disk not mounted, a restore
//   under way. stop() puts a directory where the file should be, start() the file back.
// lock() holds what an import or a backup holds: SQLite's write lock (a transaction of a
// driver session, which begins IMMEDIATE), or ACCESS EXCLUSIVE locks on the tables the contact views read
// and the verification log writes.
import { mkdirSync, mkdtempSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startTcpProxy } from "./tcp-proxy";
import { engineOf, sqlitePath } from "@/lib/db/client-url";
import { type SqlTx, closeSqlFor, openSession } from "@/lib/db/driver";
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

/**
 * Holds a transaction of a session of its own (after `take`, e.g. a LOCK TABLE) until the
 * returned function is called; it then rolls back and closes.
 */
async function holdTransaction(url: string, take: (tx: SqlTx) => Promise<unknown>): Promise<() => Promise<void>> {
  const holder = await openSession(url);
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let taken!: () => void;
  const held = new Promise<void>((resolve) => (taken = resolve));
  const done = holder.transaction(
    async (tx) => {
      await take(tx);
      taken();
      await released;
    },
    { rollback: true },
  );
  await Promise.race([held, done]);
  return async () => {
    release();
    await done;
    await holder.close();
  };
}

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
    start() {
      rmSync(served, { recursive: true, force: true });
      renameSync(aside, served);
      return Promise.resolve();
    },
    lock: () => holdTransaction(`file:${served}`, async () => {}),
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
    lock: () =>
      holdTransaction(database.url, (tx) =>
        tx.execute(`LOCK TABLE ${lockedTables.map((t) => `"${t}"`).join(", ")} IN ACCESS EXCLUSIVE MODE`),
      ),
    async drop() {
      await closeSqlFor(proxied);
      await proxy.close();
      await database.drop();
    },
  };
}
