// Runs before every test file: give the file its own copy of the run's migrated database,
// and every integration its test secrets. A database per file, because tests read back
// what the app recorded ("the latest refusal", "the key that verified", counts): with files
// running side by side on one database, another file's rows would land in between.
import { afterAll, inject } from "vitest";
import { testSecrets } from "./support/test-config";
import { cloneTestDatabase } from "./support/database-copy";

const database = await cloneTestDatabase(inject("templateDatabaseUrl"));
Object.assign(process.env, testSecrets, { DATABASE_URL: database.url });

afterAll(async () => {
  // The app's shared client (lib/db/client.ts), if the file used it, before its database goes.
  const shared = (globalThis as { crmBridgeDb?: { $disconnect(): Promise<void> } }).crmBridgeDb;
  await shared?.$disconnect();
  await database.drop();
});
