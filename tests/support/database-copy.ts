// A test file's own copy of the run's migrated database (tests/setup.ts). Kept apart from
// test-database.ts and light on imports: every test file loads it, including the many that
// never touch a database, and importing the Prisma clients costs each of them ~1 s.
// Its drop leaves open connections to the file's end: a removed SQLite file stays readable
// to handles already open, and DROP DATABASE … WITH (FORCE) ends PostgreSQL's.
import { copyFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { engineOf, sqlitePath } from "@/lib/db/client-url";

export type TestDatabase = { url: string; drop: () => Promise<void> };

/**
 * A copy of a migrated database, for one test file (tests/setup.ts): a file copy on SQLite,
 * CREATE DATABASE … TEMPLATE on PostgreSQL (about 50 ms here, against a second or more for
 * migrating afresh). Nothing may be connected to the template while it is copied.
 */
export async function cloneTestDatabase(
  templateUrl: string,
  adminUrl = process.env.DATABASE_URL,
): Promise<TestDatabase> {
  if (engineOf(templateUrl) === "sqlite") {
    const source = sqlitePath(templateUrl);
    // The template's last connection closed, so its write-ahead log was folded into the file.
    if (existsSync(`${source}-wal`)) throw new Error("cloneTestDatabase: the template is still open");
    const dir = mkdtempSync(join(tmpdir(), "crm-bridge-test-"));
    const path = join(dir, "test.db");
    copyFileSync(source, path);
    const url = `file:${path}`;
    return {
      url,
      drop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
    };
  }
  // Connected to another database than the template (the one the run was given), as copying requires.
  if (!adminUrl || adminUrl === templateUrl) throw new Error("cloneTestDatabase: needs a PostgreSQL URL to connect to");
  const templateName = new URL(templateUrl).pathname.slice(1);
  const name = `crm_bridge_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${templateName}" STRATEGY WAL_LOG`);
  } finally {
    await admin.end();
  }
  const url = new URL(templateUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await dropDatabase((text) => client.query(text), name);
      } finally {
        await client.end();
      }
    },
  };
}

/**
 * DROP DATABASE despite both kinds of leftover session: our own idle connections
 * (WITH (FORCE) ends them) and an autovacuum worker busy after a bulk insert (FORCE
 * refuses to end it without pg_signal_backend, while a plain DROP cancels it itself).
 */
export async function dropDatabase(run: (statement: string) => Promise<unknown>, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await run(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      return;
    } catch (error) {
      try {
        await run(`DROP DATABASE IF EXISTS "${name}"`);
        return;
      } catch {
        if (attempt >= 5) throw error;
        await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
      }
    }
  }
}
