import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { startFakeRetailCrm, type FakeRetailCrm } from "@/tests/fakes/retailcrm-server";
import { formRequest, signedRegister } from "@/tests/support/retailcrm";
import { testSecrets } from "@/tests/support/test-config";
import { POST as register } from "../register/route";
import { POST } from "./route";

const apiKey = "ActivityKey0123456789";
const url = "http://localhost:3000/api/retailcrm/activity";
let fake: FakeRetailCrm;
let clientId: string;

beforeAll(async () => {
  fake = await startFakeRetailCrm({ apiKeys: [apiKey] });
  const registered = (await (await register(signedRegister(fake.url, apiKey))).json()) as { success: boolean };
  expect(registered.success).toBe(true);
  clientId = fake.modules.get(testSecrets.RETAILCRM_MODULE_CODE)!.clientId;
});
afterAll(() => fake.close());

const connection = () => db().retailCrmConnection.findUniqueOrThrow({ where: { systemUrl: fake.url } });

describe("POST /api/retailcrm/activity", () => {
  it("records that the account switched the module off, froze it, and on again", async () => {
    const before = await connection();
    const off = await POST(
      formRequest(url, { clientId, systemUrl: fake.url, activity: '{"active":false,"freeze":true}' }),
    );
    expect(off.status).toBe(200);
    expect(await off.json()).toEqual({ success: true });
    const after = await connection();
    expect(after).toMatchObject({ active: false, frozen: true });
    expect(after.lastActivityAt!.getTime()).toBeGreaterThanOrEqual(before.lastActivityAt!.getTime());

    const on = await POST(
      formRequest(url, { clientId, systemUrl: `${fake.url}/`, activity: '{"active":true,"freeze":false}' }),
    );
    expect(await on.json()).toEqual({ success: true });
    expect(await connection()).toMatchObject({ active: true, frozen: false });
  });

  it("accepts a JSON body too", async () => {
    const request = new Request(url, {
      method: "POST",
      body: JSON.stringify({ clientId, activity: { active: true, freeze: true } }),
      headers: { "content-type": "application/json" },
    });
    expect(await (await POST(request)).json()).toEqual({ success: true });
    expect(await connection()).toMatchObject({ active: true, frozen: true });
  });

  it("refuses an unknown client id, or one sent for another account, in retailCRM's format", async () => {
    for (const fields of [
      { clientId: "no-such-client", systemUrl: fake.url, activity: '{"active":false,"freeze":false}' },
      { clientId, systemUrl: "https://other.retailcrm.ru", activity: '{"active":false,"freeze":false}' },
    ]) {
      const response = await POST(formRequest(url, fields));
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        success: false,
        errorMsg: "No CRM Bridge connection has this clientId. Connect the module again from the Marketplace.",
      });
    }
    expect((await connection()).active).toBe(true);
  });

  it("names what is missing or malformed", async () => {
    const cases: [Record<string, string>, string][] = [
      [{ activity: '{"active":true}' }, "clientId is missing."],
      [{ clientId }, "activity is missing."],
      [{ clientId, activity: "yes" }, 'activity must be JSON {"active":…,"freeze":…}.'],
      [{ clientId, activity: '{"active":"yes"}' }, "activity.active must be true or false."],
    ];
    for (const [fields, errorMsg] of cases) {
      expect(await (await POST(formRequest(url, fields))).json()).toEqual({ success: false, errorMsg });
    }
  });
});
