// A fresh migrated database for one test file (same engine as the run's), for tests
// that need the whole database to themselves: connector state, cursors and leases are
// global per connector, so files running in parallel must not share them.
import { afterAll, beforeAll } from "vitest";
import type { Db } from "@/lib/db/client";
import { createDb } from "@/lib/db/client";
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
    await Promise.all(
      [client, ...extra].map(async (c) => {
        await c?.$disconnect();
      }),
    );
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

/** Empties what connector tests write, between tests. */
export async function clearConnectorData(client: Db): Promise<void> {
  await client.lead.deleteMany();
  await client.contact.deleteMany();
  await client.connectorRun.deleteMany();
  await client.connectorState.deleteMany();
}
