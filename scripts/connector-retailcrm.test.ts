// `npm run connector -- retailcrm …` as a real child process against a fake retailCRM
// account, at the platform's pace (10 requests a second): killed with SIGKILL in the middle
// of the first sync and run again, every customer ends up stored exactly once; the summary
// counts accounts; --dry-run writes nothing; the API key is never printed.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FakeRetailCrm, startFakeRetailCrm } from "@/tests/fakes/retailcrm-server";
import { clearConnectorData, useOwnDatabase } from "@/tests/support/own-database";
import { spawnConnectorCli } from "@/tests/support/connector-cli";
import { testSecrets } from "@/tests/support/test-config";
import { findConnectorState } from "@/lib/db/connector-state";
import { saveRetailCrmConnection } from "@/lib/db/retailcrm-connections";
import { sealApiKey } from "@/lib/integrations/retailcrm/api-key-box";
import { parseSyncCursor } from "@/lib/integrations/retailcrm/customers/cursor";
import { loadEnv } from "@/lib/env";

const database = useOwnDatabase();
const apiKey = "rcrm-cli-key-61e0b2f9d4";
let fake: FakeRetailCrm;
let connectionId: string;

beforeEach(async () => {
  await clearConnectorData(database.client);
  await database.client.retailCrmConnection.deleteMany();
  fake = await startFakeRetailCrm({ apiKeys: [apiKey] });
  const secrets = loadEnv({ ...testSecrets }).encryptionSecrets;
  const saved = await saveRetailCrmConnection(
    { systemUrl: fake.url, apiKeyEncrypted: sealApiKey(apiKey, fake.url, secrets), clientId: "cli-client" },
    new Date(),
    database.client,
  );
  connectionId = saved.id;
});
afterEach(() => fake?.close());

function cli(args: string[]) {
  return spawnConnectorCli(args, { ...testSecrets, DATABASE_URL: database.url, LOG_LEVEL: "info" });
}

const stateName = () => `retailcrm:${connectionId}`;
const cursor = async () => parseSyncCursor((await findConnectorState(stateName(), database.client))?.cursor ?? null);

async function expectEveryCustomerOnce(expected: number) {
  const refs = await database.client.externalRef.findMany({
    where: { system: "retailcrm" },
    select: { externalId: true },
  });
  expect(refs).toHaveLength(expected);
  expect(new Set(refs.map((r) => r.externalId)).size).toBe(expected);
  expect(await database.client.contact.count()).toBe(expected);
}

describe("npm run connector -- retailcrm", () => {
  it(
    "survives SIGKILL in the middle of the first sync: resumes there and stores every customer once",
    { timeout: 120_000 },
    async () => {
      fake.account.seedCustomers(3000);
      const first = cli(["retailcrm"]);
      await expect
        .poll(async () => (await cursor()).pass?.page ?? 0, { timeout: 60_000, interval: 50 })
        .toBeGreaterThan(5);
      first.kill();
      const killed = await first.exit;
      expect(killed.signal).toBe("SIGKILL");
      const committed = await database.client.externalRef.count({ where: { system: "retailcrm" } });
      expect(committed).toBeGreaterThan(0);
      expect(committed).toBeLessThan(3000);

      // What 30 seconds without renewal would do to the dead run's lease.
      await database.client.connectorState.update({
        where: { name: stateName() },
        data: { leaseExpiresAt: new Date(Date.now() - 1000) },
      });
      // A customer renamed meanwhile, on a page read already: the history brings it.
      fake.account.updateCustomer(3000, { lastName: "Renamed" });
      const second = await cli(["retailcrm"]).exit;
      expect(second.stderr).not.toContain(apiKey);
      expect(second.code).toBe(0);
      expect(second.stdout).toMatch(
        /^\[http:\/\/127\.0\.0\.1:\d+\] retailcrm run \S+: http:\/\/127\.0\.0\.1:\d+: full pass from customers page \d+, then the changes … the latest change\n/,
      );
      expect(second.stdout).toMatch(/\nretailcrm succeeded: accounts 1, pages \d+, history records 1, /);
      expect(second.stdout).not.toContain(apiKey);
      await expectEveryCustomerOnce(3000);
      const renamed = await database.client.externalRef.findFirst({
        where: { system: "retailcrm", externalId: { endsWith: "/customers/3000" } },
        select: { contact: { select: { displayName: true } } },
      });
      expect(renamed?.contact.displayName).toBe("First2999 Renamed");
      expect(await cursor()).toMatchObject({ pass: null });
    },
  );

  it(
    "writes nothing on --dry-run, refuses an account not connected, and never prints the key",
    { timeout: 60_000 },
    async () => {
      fake.account.seedCustomers(40);
      const dry = await cli(["retailcrm", "--dry-run", "--account", fake.url]).exit;
      expect(dry.code).toBe(0);
      expect(dry.stdout).toMatch(
        /retailcrm succeeded \(dry run: nothing was written\): accounts 1, pages 2, history records 0, fetched 40, created 40,/,
      );
      expect(await database.client.contact.count()).toBe(0);
      expect((await findConnectorState(stateName(), database.client))?.cursor ?? null).toBeNull();

      const unknown = await cli(["retailcrm", "--account", "https://other.retailcrm.ru"]).exit;
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toMatch(
        /^error: bad_request: no active, unfrozen retailCRM account is connected at https:\/\/other\.retailcrm\.ru$/m,
      );

      fake.revokeApiKey(apiKey);
      const refused = await cli(["retailcrm"]).exit;
      expect(refused.code).toBe(1);
      expect(refused.stdout).toContain(
        "retailCRM refused the API key: it was revoked, or it lacks the customer_read right",
      );
      for (const output of [dry, unknown, refused]) expect(output.stdout + output.stderr).not.toContain(apiKey);
    },
  );
});
