// The one Prisma client of the process. DATABASE_URL picks the engine at run time:
// file: → embedded SQLite, postgresql:// → PostgreSQL. Both generated clients come
// from the same schema (prisma/schema.prisma and its PostgreSQL copy), so the app is
// typed against the SQLite one and uses either.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/sqlite/client";
import { PrismaClient as PostgresPrismaClient } from "@/generated/postgresql/client";
import { env } from "@/lib/env";
import { engineOf, sqlitePath } from "@/lib/db/client-url";

export type Db = PrismaClient;

export function createDb(databaseUrl: string): Db {
  if (engineOf(databaseUrl) === "sqlite") {
    const path = sqlitePath(databaseUrl);
    mkdirSync(dirname(path), { recursive: true });
    return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: path, timeout: 10_000 }) });
  }
  const client = new PostgresPrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
  // Same models, same queries: only provider-specific options differ, and the app uses none.
  return client as unknown as Db;
}

const globalForDb = globalThis as unknown as { crmBridgeDb?: Db };

/** The shared client, cached on globalThis so that development reloads reuse it. */
export function db(): Db {
  globalForDb.crmBridgeDb ??= createDb(env().databaseUrl);
  return globalForDb.crmBridgeDb;
}
