// The benchmark's own PostgreSQL databases, on the server of DATABASE_URL: made, made
// afresh or copied through a connection to another database of that server (the driver's
// maintenance connection, as migrations use).
import { type SqlValue, openMaintenance } from "@/lib/db/driver";

/** The URL of database `name` on the server of `url`. */
export function databaseUrlNamed(url: string, name: string): string {
  const named = new URL(url);
  named.pathname = `/${name}`;
  return named.toString();
}

/** Runs one statement on a connection of its own to `url`; resolves with its rows. */
async function onServer(url: string, text: string, values: SqlValue[] = []): Promise<unknown[]> {
  const admin = await openMaintenance(url);
  try {
    return await admin.query(text, values);
  } finally {
    await admin.close();
  }
}

export type MadeDatabase = { url: string; created: boolean };

/**
 * Database `name` on the server of `adminUrl` (a connection to another of its databases):
 * "reuse" keeps one that exists, "replace" drops it first, `{ template }` makes a copy of
 * that database (nothing may be connected to it meanwhile).
 */
export async function postgresDatabase(
  adminUrl: string,
  name: string,
  how: "reuse" | "replace" | { template: string },
): Promise<MadeDatabase> {
  const url = databaseUrlNamed(adminUrl, name);
  if (how === "reuse") {
    const exists = await onServer(adminUrl, `SELECT 1 FROM pg_database WHERE datname = $1`, [name]);
    if (exists.length > 0) return { url, created: false };
  } else {
    await dropPostgresDatabase(adminUrl, name);
  }
  const template = typeof how === "object" ? ` TEMPLATE "${how.template}"` : "";
  await onServer(adminUrl, `CREATE DATABASE "${name}"${template}`);
  return { url, created: true };
}

/** Drops database `name` on the server of `adminUrl`, ending its connections. */
export async function dropPostgresDatabase(adminUrl: string, name: string): Promise<void> {
  await onServer(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}
