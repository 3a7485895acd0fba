// A fresh migrated database for one test file (same engine as the run's), for tests
// that need the whole database to themselves: connector state, cursors and leases are
// global per connector, so files running in parallel must not share them.
import { afterAll, beforeAll } from "vitest";
import type { Db } from "@/lib/db/client";
import { createDb, databaseUrlOf } from "@/lib/db/client";
import { engineOf } from "@/lib/db/client-url";
import { createTestDatabase, type TestDatabase } from "./test-database";

export type OwnDatabase = { readonly client: Db; readonly url: string; connect(): Db };

export function useOwnDatabase(): OwnDatabase {
  let database: TestDatabase | undefined;
  let client: Db | undefined;
  const extra: Db[] = [];
  beforeAll(async () => {
    database = await createTestDatabase();
    client = createDb(database.url);
  });
  afterAll(async () => {
    await Promise.all([client, ...extra].filter((c) => c !== undefined).map((c) => c.$disconnect()));
    await database?.drop();
  });
  return {
    get client() {
      if (!client) throw new Error("the database is created in beforeAll");
      return client;
    },
    get url() {
      if (!database) throw new Error("the database is created in beforeAll");
      return database.url;
    },
    /** another client (another connection pool), as a second app instance would have */
    connect() {
      const another = createDb(this.url);
      extra.push(another);
      return another;
    },
  };
}

/** Every table that refers to a contact, children first. */
const contactTables = ["Lead", "Note", "ExternalRef", "ContactAddress", "ContactPhone", "ContactEmail", "Contact"];

/** Empties what connector tests write, between tests. */
export async function clearConnectorData(client: Db): Promise<void> {
  if (engineOf(databaseUrlOf(client)) === "sqlite") {
    // Whole tables, without SQLite's check of each deleted contact's foreign keys: once a
    // connector run has analyzed the tables (lib/db/optimize.ts), Contact.companyId being all
    // NULL makes the planner scan its index for every deleted contact (measured: 11 s for
    // 15,000 contacts, against 0.5 s unanalyzed), past the hook timeout on a busy machine.
    // Nothing is left dangling: every table that refers to a contact is emptied with it.
    await client.$executeRawUnsafe("PRAGMA foreign_keys = OFF");
    try {
      for (const table of contactTables) await client.$executeRawUnsafe(`DELETE FROM "${table}"`);
    } finally {
      await client.$executeRawUnsafe("PRAGMA foreign_keys = ON");
    }
  }
  await client.lead.deleteMany();
  await client.contact.deleteMany();
  await client.connectorRun.deleteMany();
  await client.connectorState.deleteMany();
}
