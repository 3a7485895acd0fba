// "Run now" against a fake Housing.com, in a database of its own (connector state is
// global per connector, so this file must not share it).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startHousingFake, type HousingFake } from "@/tests/fakes/housing-server";
import { clearConnectorData, useOwnDatabase } from "@/tests/support/own-database";
import { loadEnv } from "@/lib/env";
import { findConnectorRun } from "@/lib/db/connector-runs";
import { upsertStaffUser } from "@/lib/db/staff-users";
import { inThisProcess } from "@/lib/connectors/run";
import { runNowCommand } from "./run-now-command";

const database = useOwnDatabase();
const clientId = "777";
const apiKey = "run-now-test-key";
const t0 = 1_767_225_600;
let fake: HousingFake;

function form(fields: Record<string, string>) {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}

beforeEach(async () => {
  await clearConnectorData(database.client);
  fake = await startHousingFake({
    clients: { [clientId]: apiKey },
    generated: { count: 12, from: t0, to: t0 + 7200, phoneBase: 9100 },
  });
});
afterEach(() => fake.close());

describe("runNowCommand", () => {
  it("starts a run, records who started it, and the run does its work", async () => {
    const user = await upsertStaffUser(`sync-${Math.random()}@example.com`, "password-123456", database.client);
    const staff = { id: user.id, email: user.email, name: null };
    const config = loadEnv({
      HOUSING_API_URL: fake.url,
      HOUSING_CLIENT_ID: clientId,
      HOUSING_API_KEY: apiKey,
      HOUSING_START_DATE: String(t0),
    });
    const settings = { client: database.client, now: () => new Date((t0 + 7200) * 1000) };
    const state = await runNowCommand(staff, form({ connector: "housing" }), {
      config,
      launch: inThisProcess(settings),
      client: database.client,
    });
    if (state.status !== "started") throw new Error(JSON.stringify(state));
    await expect.poll(async () => (await findConnectorRun(state.runId, database.client))?.status).toBe("succeeded");
    expect((await findConnectorRun(state.runId, database.client))?.counts.created).toBe(12);
    const audit = await database.client.auditEvent.findFirstOrThrow({
      where: { action: "connector.run", actorId: staff.id },
    });
    expect(audit).toMatchObject({ entityType: "connector", entityId: "housing" });
    expect(JSON.parse(audit.after!)).toEqual({ runId: state.runId });
  });

  it("says why it did not start, as a sentence", async () => {
    const staff = { id: "nobody", email: "n@example.com", name: null };
    expect(await runNowCommand(staff, form({ connector: "housing" }), { config: loadEnv({}) })).toEqual({
      status: "refused",
      message: "The housing connector is disabled: set HOUSING_CLIENT_ID, HOUSING_API_KEY to enable it.",
    });
    expect((await runNowCommand(staff, form({ connector: "myspace" }))).status).toBe("refused");
    expect((await runNowCommand(staff, "not a form")).status).toBe("refused");
    expect(await database.client.auditEvent.count({ where: { action: "connector.run", actorId: "nobody" } })).toBe(0);
  });
});
