// `npm run connector -- housing …` as a real child process against the fake Housing.com
// (which cuts every answer at per_page, as the real one does): killed with SIGKILL mid-run,
// even while it splits a full window, and run again, every lead ends up stored exactly once.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type GeneratedLeads, type HousingFake, startHousingFake } from "@/tests/fakes/housing-server";
import { clearConnectorData, useOwnDatabase } from "@/tests/support/own-database";
import { spawnConnectorCli } from "@/tests/support/connector-cli";
import { findConnectorState } from "@/lib/db/connector-state";
import { abandonedRunMessage, listRecentConnectorRuns } from "@/lib/db/connector-runs";

const database = useOwnDatabase();
const clientId = "4544";
const apiKey = "housing-cli-test-key";
const hour = 3600;
// Five one-hour windows up to now; the leads stop a minute before the test starts.
const start = Math.floor(Date.now() / 1000 / hour) * hour - 4 * hour;
const lastLead = Math.floor(Date.now() / 1000) - 60;

let fake: HousingFake;
afterEach(() => fake?.close());
beforeEach(() => clearConnectorData(database.client));

/** The CLI against this file's database and fake peer. */
function cli(args: string[], env: Record<string, string | undefined> = {}) {
  return spawnConnectorCli(args, {
    DATABASE_URL: database.url,
    HOUSING_API_URL: fake.url,
    HOUSING_CLIENT_ID: clientId,
    HOUSING_API_KEY: apiKey,
    HOUSING_START_DATE: String(start),
    HOUSING_WINDOW_SECONDS: String(hour),
    ...env,
  });
}

function leadsIn(g: GeneratedLeads, from: number, to: number): number {
  let n = 0;
  for (let i = 0; i < g.count; i++) {
    const date = g.from + Math.floor((i * (g.to - g.from + 1)) / g.count);
    if (date >= from && date <= to) n++;
  }
  return n;
}

async function expectEveryLeadOnce(expected: number) {
  const leads = await database.client.lead.findMany({ select: { identityKey: true } });
  expect(new Set(leads.map((l) => l.identityKey)).size).toBe(expected);
  expect(leads).toHaveLength(expected);
}

/** What 30 seconds without renewal would do to the dead run's lease. */
async function letLeaseExpire() {
  await database.client.connectorState.update({
    where: { name: "housing" },
    data: { leaseExpiresAt: new Date(Date.now() - 1000) },
  });
}

describe("npm run connector -- housing", () => {
  it(
    "survives SIGKILL while waiting for a window: resumes and stores every lead once",
    { timeout: 90_000 },
    async () => {
      const generated = { count: 300, from: start, to: lastLead, projectId: 9, phoneBase: 70_000 };
      fake = await startHousingFake({ clients: { [clientId]: apiKey }, generated });
      const held = fake.hold(start + 2 * hour, 1);

      const first = cli(["housing"]);
      await held.arrived;
      // The third window is asked for while the second is written: kill once that is committed.
      await expect
        .poll(async () => (await findConnectorState("housing", database.client))?.cursor, { timeout: 20_000 })
        .toBe(String(start + 2 * hour - 1));
      first.kill();
      expect((await first.exit).signal).toBe("SIGKILL");
      held.release();

      const committed = leadsIn(generated, start, start + 2 * hour - 1);
      expect(committed).toBeGreaterThan(0);
      await expectEveryLeadOnce(committed);
      const state = await findConnectorState("housing", database.client);
      expect(state?.cursor).toBe(String(start + 2 * hour - 1));
      expect(state?.leaseOwner).not.toBeNull();
      const [killed] = await listRecentConnectorRuns({ connector: "housing" }, database.client);
      expect(killed).toMatchObject({ status: "running", counts: { windows: 2, created: committed } });

      const refused = await cli(["housing"]).exit;
      expect(refused.code).toBe(3);
      expect(refused.stderr).toMatch(/^error: another housing run is in progress \(held by /);
      await expectEveryLeadOnce(committed);

      await letLeaseExpire();
      const second = await cli(["housing"]).exit;
      expect(second.stderr).toBe("");
      expect(second.code).toBe(0);
      // It starts again an hour (HOUSING_OVERLAP_SECONDS) before the cursor: the second hour is read twice.
      expect(second.stdout).toMatch(
        /^window 4\/4 .+: windows split 0, fetched \d+, created \d+, updated 0, duplicates skipped 0/m,
      );
      expect(second.stdout).toMatch(
        /housing run \S+ succeeded\n {2}windows 4, windows split 0, fetched \d+, created \d+/,
      );
      await expectEveryLeadOnce(300);
      const runs = await listRecentConnectorRuns({ connector: "housing" }, database.client);
      expect(runs.map((r) => r.status)).toEqual(["succeeded", "failed"]);
      expect(runs[1]).toMatchObject({ id: killed!.id, error: abandonedRunMessage });
      const reread = leadsIn(generated, start + hour, start + 2 * hour - 1);
      expect(runs[0]!.counts).toMatchObject({ windows: 4, created: 300 - committed, skipped: reread });
      expect(Number((await findConnectorState("housing", database.client))?.cursor)).toBeGreaterThanOrEqual(lastLead);
    },
  );

  it("survives SIGKILL at whatever point it is after a window arrives", { timeout: 90_000 }, async () => {
    const generated = { count: 15_000, from: start, to: lastLead, projectId: 10, phoneBase: 80_000 };
    let kill = () => {};
    let served = 0;
    fake = await startHousingFake({
      clients: { [clientId]: apiKey },
      generated,
      onResponse: (request) => {
        if (request.status === 200 && ++served === 9) kill();
      },
    });
    const first = cli(["housing"]);
    kill = first.kill;
    expect((await first.exit).signal).toBe("SIGKILL");

    const stored = await database.client.lead.count();
    const cursor = Number((await findConnectorState("housing", database.client))?.cursor ?? start - 1);
    // Whole windows only (hours hold ~3,000 leads here, so they are split): what is stored
    // is exactly what lies up to the committed cursor.
    expect(stored).toBe(leadsIn(generated, start, cursor));
    const [killed] = await listRecentConnectorRuns({ connector: "housing" }, database.client);
    expect(killed).toMatchObject({ status: "running", counts: { created: stored } });

    await letLeaseExpire();
    const second = await cli(["housing"]).exit;
    expect(second.code).toBe(0);
    await expectEveryLeadOnce(15_000);
  });

  it(
    "survives SIGKILL while it splits a full window: resumes and stores every lead once",
    { timeout: 90_000 },
    async () => {
      // 3,000 leads in the second hour: asked for whole, then in halves (1,500: full again),
      // then in quarters of ~750.
      const generated = { count: 3000, from: start + hour, to: start + 2 * hour - 1, projectId: 11, phoneBase: 90_000 };
      fake = await startHousingFake({ clients: { [clientId]: apiKey }, generated });
      const quarter = start + hour + hour / 4;
      const held = fake.hold(start + hour + 1, 1);

      const first = cli(["housing"]);
      const heldRequest = await held.arrived;
      expect(Number(heldRequest.query.start_date)).toBe(quarter);
      // The first quarter is written while the second is asked for: kill once it is committed.
      await expect
        .poll(async () => (await findConnectorState("housing", database.client))?.cursor, { timeout: 20_000 })
        .toBe(String(quarter - 1));
      first.kill();
      expect((await first.exit).signal).toBe("SIGKILL");
      held.release();
      const committed = leadsIn(generated, start, quarter - 1);
      await expectEveryLeadOnce(committed);
      const full = fake.requests.filter(
        (r) =>
          Number(r.query.start_date) >= start + hour &&
          Number(r.query.end_date) - Number(r.query.start_date) >= hour / 2 - 1,
      );
      expect(full.map((r) => r.status)).toEqual([200, 200]);

      await letLeaseExpire();
      const second = await cli(["housing"]).exit;
      expect(second.stderr).toBe("");
      expect(second.code).toBe(0);
      expect(second.stdout).toMatch(
        /housing run \S+ succeeded\n {2}windows \d+, windows split [1-9]\d*, fetched [\d,]+, created [\d,]+/,
      );
      await expectEveryLeadOnce(3000);
    },
  );

  it(
    "exits non-zero naming a second that fills a whole page, and keeps nothing of it",
    { timeout: 60_000 },
    async () => {
      const second = start + 2 * hour + 30;
      fake = await startHousingFake({
        clients: { [clientId]: apiKey },
        generated: { count: 1001, from: second, to: second, projectId: 12 },
      });
      const failed = await cli(["housing"]).exit;
      expect(failed.code).toBe(1);
      expect(failed.stderr).toContain(
        `window_full: Housing.com answered a full page (1000 leads) for the single second ${second} (${new Date(second * 1000).toISOString()})`,
      );
      expect(await database.client.lead.count({ where: { leadDate: new Date(second * 1000) } })).toBe(0);
    },
  );

  it(
    "writes nothing on --dry-run, and refuses bad arguments and missing configuration",
    { timeout: 60_000 },
    async () => {
      fake = await startHousingFake({
        clients: { [clientId]: apiKey },
        generated: { count: 20, from: start, to: lastLead },
      });
      const dry = await cli(["housing", "--dry-run"]).exit;
      expect(dry.code).toBe(0);
      expect(dry.stdout).toMatch(
        /\(dry run: nothing was written\)\n {2}windows 5, windows split 0, fetched 20, created 20/,
      );
      expect(await database.client.lead.count()).toBe(0);
      expect(await database.client.contact.count()).toBe(0);
      expect((await findConnectorState("housing", database.client))?.cursor ?? null).toBeNull();

      const bad = await cli(["housing", "--since", "yesterday"]).exit;
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/^--since must be an ISO date, date-time or epoch seconds\nusage: npm run connector/);

      const disabled = await cli(["housing"], { HOUSING_API_KEY: "" }).exit;
      expect(disabled.code).toBe(1);
      expect(disabled.stderr).toBe("the housing connector is disabled: set HOUSING_API_KEY to enable it\n");
    },
  );
});
