// The fake Housing.com must refuse what the real one refuses (seed 002), or the
// connector's tests prove nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hmacSha256Hex } from "@/lib/signing/hmac";
import { type HousingFake, startHousingFake } from "./housing-server";

let fake: HousingFake;
const key = "fake-test-key";
beforeAll(async () => {
  fake = await startHousingFake({
    clients: { "4544": key },
    leads: [
      { lead_name: "A", lead_phone: "1", lead_email: null, project_id: 1, project_name: null, locality: null, lead_date: "100" },
      { lead_name: "B", lead_phone: "2", lead_email: null, project_id: 1, project_name: null, locality: null, lead_date: "200000" },
      { lead_name: "C", lead_phone: "3", lead_email: null, project_id: 1, project_name: null, locality: null, lead_date: 300000000 },
    ],
  });
});
afterAll(() => fake.close());

const now = () => Math.floor(Date.now() / 1000);

async function get(params: Record<string, string | undefined>) {
  const url = new URL(fake.url);
  for (const [name, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(name, value);
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as unknown };
}

function signed(overrides: Record<string, string | undefined> = {}, at = now()) {
  const currentTime = String(at);
  return { start_date: "100", end_date: "200000", current_time: currentTime, hash: hmacSha256Hex(key, currentTime), id: "4544", ...overrides };
}

describe("fake Housing.com", () => {
  it("answers a signed request with the leads of the window, both ends included", async () => {
    const { status, body } = await get(signed());
    expect(status).toBe(200);
    expect((body as { lead_name: string }[]).map((l) => l.lead_name)).toEqual(["A", "B"]);
    expect((await get(signed({ start_date: "101", end_date: "199999" }))).body).toEqual([]);
  });

  it("answers 422 when a mandatory parameter is missing or malformed", async () => {
    for (const name of ["start_date", "end_date", "current_time", "hash", "id"]) {
      expect([name, (await get(signed({ [name]: undefined }))).status]).toEqual([name, 422]);
    }
    expect(await get(signed({ start_date: "2026-01-01" }))).toEqual({ status: 422, body: { apiErrors: ["start_date must be epoch time"] } });
  });

  it("answers 401 for a wrong hash, an unknown id, or a request more than 15 minutes off", async () => {
    expect((await get(signed({ hash: hmacSha256Hex("other-key", String(now())) }))).status).toBe(401);
    expect((await get(signed({ id: "9999" }))).status).toBe(401);
    expect((await get(signed({}, now() - 16 * 60))).status).toBe(401);
    expect((await get(signed({}, now() + 16 * 60))).status).toBe(401);
    expect((await get(signed({}, now() - 14 * 60))).status).toBe(200);
  });
});
