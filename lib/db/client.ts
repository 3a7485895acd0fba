// The one Prisma client of the process. DATABASE_URL picks the engine at run time:
// file: → embedded SQLite, postgresql:// → PostgreSQL. Both generated clients come
// from the same schema (prisma/schema.prisma and its PostgreSQL copy), so the app is
// typed against the SQLite one and uses either.
import "server-only";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, type Prisma } from "@/generated/sqlite/client";
import { PrismaClient as PostgresPrismaClient } from "@/generated/postgresql/client";
import { env } from "@/lib/env";
import { engineOf, sqlitePath } from "@/lib/db/client-url";
import { postgresLockWaitMs, sqliteLockWaitMs } from "@/lib/db/locked-writes";

export type Db = PrismaClient;
/** The client inside an interactive transaction (`db.$transaction(async (tx) => …)`). */
export type Tx = Prisma.TransactionClient;

// On globalThis, like the client itself (below): Next.js may bundle this module more than
// once in one server (a server action's chunk and the page's), and the client cached by
// one copy must still be known to the others.
const globalForUrls = globalThis as unknown as { crmBridgeDbUrls?: WeakMap<Db, string> };
const urls = (globalForUrls.crmBridgeDbUrls ??= new WeakMap<Db, string>());

export function createDb(databaseUrl: string): Db {
  const engine = engineOf(databaseUrl);
  let client: Db;
  if (engine === "sqlite") {
    const path = sqlitePath(databaseUrl);
    mkdirSync(dirname(path), { recursive: true });
    // A short synchronous wait for the lock: staff writes try again asynchronously (lib/db/locked-writes.ts).
    client = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: path, timeout: sqliteLockWaitMs }) });
  } else {
    // Same models, same queries: only provider-specific options differ, and the app uses none.
    // A connection that cannot be opened within 2 s fails (as `unavailable`, lib/db/unavailable.ts)
    // instead of keeping a page waiting on a server that does not answer.
    // A held lock (a migration, LOCK TABLE) ends a statement after a bounded wait too.
    const adapter = new PrismaPg({
      connectionString: databaseUrl,
      connectionTimeoutMillis: 2000,
      options: `-c lock_timeout=${postgresLockWaitMs}`,
    });
    client = new PostgresPrismaClient({ adapter }) as unknown as Db;
  }
  urls.set(client, databaseUrl);
  return client;
}

/** The database URL of a client made by createDb. */
export function databaseUrlOf(client: Db): string {
  const url = urls.get(client);
  if (url === undefined) throw new Error("databaseUrlOf: not a client made by createDb");
  return url;
}

const globalForDb = globalThis as unknown as { crmBridgeDb?: Db };

/** The shared client, cached on globalThis so that development reloads reuse it. */
export function db(): Db {
  globalForDb.crmBridgeDb ??= createDb(env().databaseUrl);
  return globalForDb.crmBridgeDb;
}
