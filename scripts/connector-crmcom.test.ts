// `npm run connector -- crmcom …` as a real child process against the fake CRM.COM
// Back-Office: killed with SIGKILL mid-run and run again, every contact ends up stored
// exactly once; --dry-run writes nothing; no key, password or token is ever printed or stored.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type FakeCrmcom,
  type FakeCrmcomOptions,
  type GeneratedContacts,
  generatedContact,
  startFakeCrmcom,
} from "@/tests/fakes/crmcom-server";
import { clearConnectorData, useOwnDatabase } from "@/tests/support/own-database";
import { spawnConnectorCli } from "@/tests/support/connector-cli";
import { findConnectorState } from "@/lib/db/connector-state";
import { abandonedRunMessage, listRecentConnectorRuns } from "@/lib/db/connector-runs";
import { crmcomContactSchema } from "@/lib/integrations/crmcom/schema";
import { parseSweepCursor } from "@/lib/integrations/crmcom/cursor";

const database = useOwnDatabase();
const secretKey = "sk-cli-4f1c9e7a2b";
const publicKey = "pk-cli-0d3b6a";
const user = { username: "cli@bridge.example", password: "cli-pass-8e2d5c" };

let fake: FakeCrmcom;
afterEach(() => fake?.close());
beforeEach(() => clearConnectorData(database.client));

/** The CLI against this file's database and fake peer. */
function cli(args: string[], env: Record<string, string | undefined> = {}) {
  return spawnConnectorCli(args, {
    DATABASE_URL: database.url,
    CRMCOM_API_URL: fake.url,
    CRMCOM_SECRET_KEY: secretKey,
    CRMCOM_USERNAME: undefined,
    CRMCOM_PASSWORD: undefined,
    CRMCOM_PAGE_SIZE: "100",
    ...env,
  });
}

/** How many of the first `n` generated contacts are valid. */
function validAmong(g: GeneratedContacts, n: number): number {
  let valid = 0;
  for (let i = 0; i < Math.min(n, g.count); i++)
    if (crmcomContactSchema.safeParse(generatedContact(g, i)).success) valid++;
  return valid;
}

async function expectEveryContactOnce(expected: number) {
  const refs = await database.client.externalRef.findMany({
    where: { system: "crmcom" },
    select: { externalId: true, contactId: true },
  });
  expect(refs).toHaveLength(expected);
  expect(new Set(refs.map((r) => r.externalId)).size).toBe(expected);
  expect(await database.client.contact.count()).toBe(expected);
}

const cursor = async () => parseSweepCursor((await findConnectorState("crmcom", database.client))?.cursor ?? null);

/** What 30 seconds without renewal would do to the dead run's lease. */
async function letLeaseExpire() {
  await database.client.connectorState.update({
    where: { name: "crmcom" },
    data: { leaseExpiresAt: new Date(Date.now() - 1000) },
  });
}

async function fakeWith(options: Partial<FakeCrmcomOptions>) {
  fake = await startFakeCrmcom({ secretKeys: [secretKey], publicKeys: [publicKey], users: [user], ...options });
}

describe("npm run connector -- crmcom", () => {
  it(
    "survives SIGKILL while waiting for a page: resumes there and stores every contact once",
    { timeout: 90_000 },
    async () => {
      // 30 pages of 100, saved in batches of 10 pages.
      const generated = { count: 3000, companyEvery: 4, invalidEvery: 250 };
      let arrived = () => {};
      const held = new Promise<void>((resolve) => (arrived = resolve));
      let release = () => {};
      let holds = 1;
      await fakeWith({
        generated,
        beforePage: (page) => {
          if (page !== 21 || holds-- <= 0) return;
          arrived();
          return new Promise<void>((resolve) => (release = resolve));
        },
      });

      const first = cli(["crmcom"]);
      await held;
      // Page 21 is asked for while pages 11-20 are written: kill once they are committed.
      await expect.poll(async () => (await cursor()).page, { timeout: 20_000 }).toBe(20);
      first.kill();
      expect((await first.exit).signal).toBe("SIGKILL");
      release();

      const committed = validAmong(generated, 2000);
      await expectEveryContactOnce(committed);
      const [killed] = await listRecentConnectorRuns({ connector: "crmcom" }, database.client);
      expect(killed).toMatchObject({
        status: "running",
        counts: { batches: 2, pages: 20, fetched: 2000, created: committed, invalid: 2000 - committed },
      });

      const refused = await cli(["crmcom"]).exit;
      expect(refused.code).toBe(3);
      expect(refused.stderr).toMatch(/^error: another crmcom run is in progress \(held by /);

      await letLeaseExpire();
      const second = await cli(["crmcom"]).exit;
      expect(second.stderr).toBe("");
      expect(second.code).toBe(0);
      expect(second.stdout).toMatch(/^crmcom run \S+: page 20 \(resuming a stopped run\) … last page\n/);
      // Page 20 read again (its contacts are stored: unchanged), then the rest.
      expect(second.stdout).toMatch(
        /^batch 1\/2 CRM\.COM pages 20–29, updated \S+ … \S+: pages 10, fetched 1,000, created 897, updated 0, unchanged 99, invalid 4, /m,
      );
      expect(second.stdout).toMatch(
        /^batch 2\/2 CRM\.COM page 30, updated \S+ … \S+: pages 1, fetched 100, created 99, updated 0, unchanged 0, invalid 1, /m,
      );
      expect(second.stdout).toMatch(
        /crmcom run \S+ succeeded\n {2}pages 11, fetched 1,100, created 996, updated 0, unchanged 99, invalid 5, /,
      );
      expect(second.stdout).toMatch(
        /\n {2}\d+ records not imported:\n {4}00000000-0000-4000-8000-\d{12}: email_address: Invalid email address\n/,
      );
      await expectEveryContactOnce(validAmong(generated, 3000));
      const runs = await listRecentConnectorRuns({ connector: "crmcom" }, database.client);
      expect(runs.map((r) => r.status)).toEqual(["succeeded", "failed"]);
      expect(runs[1]!.error?.split("\n")[0]).toBe(abandonedRunMessage);
      expect(runs[1]!.error).toMatch(/\n8 records not imported:\n/);
      expect(runs[0]!.counts).toMatchObject({ pages: 11, created: validAmong(generated, 3000) - committed });
      expect(await cursor()).toMatchObject({ page: 0 });
    },
  );

  it("survives SIGKILL at whatever point it is when a page is asked for", { timeout: 90_000 }, async () => {
    const generated = { count: 5000, companyEvery: 3, invalidEvery: 97 };
    // 50 pages of 100 in batches of 10: page 25 is asked for while pages 11-20 or 21-30 are written.
    let kill: (() => void) | undefined;
    await fakeWith({
      generated,
      beforePage: (page) => {
        if (page !== 25 || !kill) return;
        kill();
        kill = undefined;
      },
    });
    const first = cli(["crmcom"]);
    kill = first.kill;
    expect((await first.exit).signal).toBe("SIGKILL");

    // Whole pages only: what is stored is exactly what the committed pages hold.
    const { page } = await cursor();
    expect([10, 20]).toContain(page);
    await expectEveryContactOnce(validAmong(generated, page * 100));

    await letLeaseExpire();
    const second = await cli(["crmcom"]).exit;
    expect(second.code).toBe(0);
    await expectEveryContactOnce(validAmong(generated, 5000));
  });

  it("writes nothing on --dry-run, and refuses --since and missing configuration", { timeout: 60_000 }, async () => {
    await fakeWith({ generated: { count: 50, invalidEvery: 10 } });
    const dry = await cli(["crmcom", "--dry-run"], { CRMCOM_PAGE_SIZE: "20" }).exit;
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/^crmcom run \S+ \(dry run: nothing is written\): page 1 … last page\n/);
    expect(dry.stdout).toMatch(
      /\(dry run: nothing was written\)\n {2}pages 3, fetched 50, created 45, updated 0, unchanged 0, invalid 5/,
    );
    expect(await database.client.contact.count()).toBe(0);
    expect(await database.client.externalRef.count()).toBe(0);
    expect((await findConnectorState("crmcom", database.client))?.cursor ?? null).toBeNull();

    const since = await cli(["crmcom", "--since", "2026-01-01"]).exit;
    expect(since.code).toBe(2);
    expect(since.stderr).toMatch(/^the crmcom connector takes no --since \/ --until/);

    const disabled = await cli(["crmcom"], { CRMCOM_SECRET_KEY: "" }).exit;
    expect(disabled.code).toBe(1);
    expect(disabled.stderr).toBe(
      "the crmcom connector is disabled: set CRMCOM_SECRET_KEY (or CRMCOM_USERNAME and CRMCOM_PASSWORD) to enable it\n",
    );
  });

  it("never prints or stores a key, a password or a token", { timeout: 90_000 }, async () => {
    await fakeWith({
      generated: { count: 60, invalidEvery: 7 },
      // Every page after the first finds the token expired: refresh, and sign in again.
      beforePage: (page) => fake.expireTokens(page % 2 ? "access" : "all"),
    });
    const asUser = { CRMCOM_SECRET_KEY: undefined, CRMCOM_USERNAME: user.username, CRMCOM_PASSWORD: user.password };
    const signedIn = await cli(["crmcom"], { ...asUser, CRMCOM_PAGE_SIZE: "20" }).exit;
    expect(signedIn.code).toBe(0);
    expect(fake.log.filter((r) => r.status === 401).length).toBeGreaterThan(0);
    expect(fake.log.filter((r) => r.path.endsWith("/refresh")).length).toBeGreaterThan(0);
    expect(fake.issued.length).toBeGreaterThan(4);

    const wrongPassword = await cli(["crmcom"], { ...asUser, CRMCOM_PASSWORD: "not-the-password-42" }).exit;
    expect(wrongPassword.code).toBe(1);
    expect(wrongPassword.stderr).toMatch(
      /^error: unauthorized: CRM\.COM refused the Back-Office sign-in of cli@bridge\.example \(HTTP 401\)/m,
    );

    const publicKeyed = await cli(["crmcom"], { CRMCOM_SECRET_KEY: publicKey }).exit;
    expect(publicKeyed.code).toBe(1);
    expect(publicKeyed.stderr).toMatch(/^error: unauthorized: .*public API keys cannot read contacts/m);

    const runs = await listRecentConnectorRuns({ connector: "crmcom" }, database.client);
    expect(runs.map((r) => r.status)).toEqual(["failed", "failed", "succeeded"]);
    const secrets = [secretKey, publicKey, user.password, "not-the-password-42", ...fake.issued];
    const everything = [signedIn, wrongPassword, publicKeyed]
      .flatMap((e) => [e.stdout, e.stderr])
      .concat(runs.map((r) => r.error ?? ""));
    for (const text of everything) for (const secret of secrets) expect(text).not.toContain(secret);
  });
});
