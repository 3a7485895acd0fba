// A fresh, migrated database for one test run: a temporary SQLite file by default, or a
// new PostgreSQL database on the server of DATABASE_URL when that is postgresql://.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { migrate } from "@/lib/db/migrate";
import { engineOf } from "@/lib/db/client-url";
import { closeSqlFor, openMaintenance } from "@/lib/db/driver";
import { dropDatabase, type TestDatabase } from "./database-copy";

export type { TestDatabase };

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
  const admin = await openMaintenance(baseUrl);
  try {
    await admin.execute(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.close();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  if (migrated) await migrate(url.toString());
  return {
    url: url.toString(),
    drop: async () => {
      await closeSqlFor(url.toString());
      const admin = await openMaintenance(baseUrl);
      try {
        await dropDatabase((text) => admin.execute(text), name);
      } finally {
        await admin.close();
      }
    },
  };
}
