// A fresh, migrated database for one test run: a temporary SQLite file by default, or a
// new PostgreSQL database on the server of DATABASE_URL when that is postgresql://.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { migrate } from "@/lib/db/migrate";
import { engineOf } from "@/lib/db/client-url";
import { type SqlTx, closeSqlFor, sqlFor } from "@/lib/db/driver";

export type TestDatabase = { url: string; drop: () => Promise<void> };

export async function createTestDatabase(
  baseUrl = process.env.DATABASE_URL,
  { migrated = true }: { migrated?: boolean } = {},
): Promise<TestDatabase> {
  if (!baseUrl || engineOf(baseUrl) === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "crm-bridge-test-"));
    const url = `file:${join(dir, "test.db")}`;
    if (migrated) await migrate(url);
    return {
      url,
      drop: async () => {
        await closeSqlFor(url);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `crm_bridge_test_${randomBytes(6).toString("hex")}`;
  // The server's own database: CREATE and DROP DATABASE run there, outside transactions.
  const admin = sqlFor(baseUrl, "writes");
  await admin.execute(`CREATE DATABASE "${name}"`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  if (migrated) await migrate(url.toString());
  return {
    url: url.toString(),
    drop: async () => {
      await closeSqlFor(url.toString());
      await dropDatabase(admin, name);
    },
  };
}

/**
 * DROP DATABASE despite both kinds of leftover session: our own idle connections
 * (WITH (FORCE) ends them) and an autovacuum worker busy after a bulk insert (FORCE
 * refuses to end it without pg_signal_backend, while a plain DROP cancels it itself).
 */
async function dropDatabase(client: SqlTx, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await client.execute(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      return;
    } catch (error) {
      try {
        await client.execute(`DROP DATABASE IF EXISTS "${name}"`);
        return;
      } catch {
        if (attempt >= 5) throw error;
        await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
      }
    }
  }
}
