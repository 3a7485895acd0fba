// The fake Housing.com must refuse what the real one refuses (seed 002), or the
// connector's tests prove nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hmacSha256Hex } from "@/lib/signing/hmac";
import { type CutOrder, type HousingFake, startHousingFake } from "./housing-server";

let fake: HousingFake;
const key = "fake-test-key";
beforeAll(async () => {
  fake = await startHousingFake({
    clients: { "4544": key },
    leads: [
      {
        lead_name: "A",
        lead_phone: "1",
        lead_email: null,
        project_id: 1,
        project_name: null,
        locality: null,
        lead_date: "100",
      },
      {
        lead_name: "B",
        lead_phone: "2",
        lead_email: null,
        project_id: 1,
        project_name: null,
        locality: null,
        lead_date: "200000",
      },
      {
        lead_name: "C",
        lead_phone: "3",
        lead_email: null,
        project_id: 1,
        project_name: null,
        locality: null,
        lead_date: 300000000,
      },
    ],
  });
});
afterAll(() => fake.close());

let capped: Partial<Record<CutOrder, HousingFake>> = {};
const cappedKey = "capped-key";
const day = { count: 2300, from: 1_767_225_600, to: 1_767_225_600 + 3599 };
beforeAll(async () => {
  for (const cutOrder of ["newest", "oldest", "shuffled"] as const) {
    capped[cutOrder] = await startHousingFake({ clients: { "77": cappedKey }, generated: day, cutOrder });
  }
});
afterAll(async () => {
  await Promise.all(Object.values(capped).map((f) => f.close()));
  capped = {};
});

const now = () => Math.floor(Date.now() / 1000);

async function get(params: Record<string, string | undefined>, on: HousingFake = fake) {
  const url = new URL(on.url);
  for (const [name, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(name, value);
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as unknown };
}

function signed(overrides: Record<string, string | undefined> = {}, at = now()) {
  const currentTime = String(at);
  return {
    start_date: "100",
    end_date: "200000",
    current_time: currentTime,
    hash: hmacSha256Hex(key, currentTime),
    id: "4544",
    ...overrides,
  };
}

describe("fake Housing.com", () => {
  it("answers a signed request with the leads of the window, both ends included, newest first", async () => {
    const { status, body } = await get(signed());
    expect(status).toBe(200);
    expect((body as { lead_name: string }[]).map((l) => l.lead_name)).toEqual(["B", "A"]);
    expect((await get(signed({ start_date: "101", end_date: "199999" }))).body).toEqual([]);
  });

  it("answers 422 when a mandatory parameter is missing or malformed", async () => {
    for (const name of ["start_date", "end_date", "current_time", "hash", "id"]) {
      expect([name, (await get(signed({ [name]: undefined }))).status]).toEqual([name, 422]);
    }
    expect(await get(signed({ start_date: "2026-01-01" }))).toEqual({
      status: 422,
      body: { apiErrors: ["start_date must be epoch time"] },
    });
  });

  it("answers 401 for a wrong hash, an unknown id, or a request more than 15 minutes off", async () => {
    expect((await get(signed({ hash: hmacSha256Hex("other-key", String(now())) }))).status).toBe(401);
    expect((await get(signed({ id: "9999" }))).status).toBe(401);
    expect((await get(signed({}, now() - 16 * 60))).status).toBe(401);
    expect((await get(signed({}, now() + 16 * 60))).status).toBe(401);
    expect((await get(signed({}, now() - 14 * 60))).status).toBe(200);
  });
});

describe("fake Housing.com: answers are capped as the real one caps them", () => {
  const ask = (cutOrder: CutOrder, perPage?: string) => {
    const currentTime = String(now());
    const query = {
      start_date: String(day.from),
      end_date: String(day.to),
      current_time: currentTime,
      hash: hmacSha256Hex(cappedKey, currentTime),
      id: "77",
      per_page: perPage,
    };
    return get(query, capped[cutOrder]);
  };
  const dates = (body: unknown) => (body as { lead_date: string }[]).map((l) => Number(l.lead_date));

  it("answers at most 100 leads without per_page, at most per_page with it, and says nothing of the cut", async () => {
    expect(dates((await ask("newest")).body)).toHaveLength(100);
    expect(dates((await ask("newest", "1000")).body)).toHaveLength(1000);
    expect(dates((await ask("newest", "7")).body)).toHaveLength(7);
  });

  it("refuses a per_page above 1000, below 1 or not a number (422)", async () => {
    expect(await ask("newest", "1001")).toEqual({
      status: 422,
      body: { apiErrors: ["per_page must be between 1 and 1000"] },
    });
    expect((await ask("newest", "0")).status).toBe(422);
    expect((await ask("newest", "ten")).status).toBe(422);
  });

  it("keeps the newest, the oldest or any leads of a cut window, as configured", async () => {
    const newest = dates((await ask("newest", "1000")).body);
    const oldest = dates((await ask("oldest", "1000")).body);
    const shuffled = dates((await ask("shuffled", "1000")).body);
    expect(Math.min(...newest)).toBeGreaterThan(Math.max(...oldest));
    expect(newest).toEqual([...newest].sort((a, b) => b - a));
    expect(oldest).toEqual([...oldest].sort((a, b) => a - b));
    expect(oldest[0]).toBe(day.from);
    expect(
      shuffled.some((d, i) => i > 0 && d < shuffled[i - 1]!) && shuffled.some((d, i) => i > 0 && d > shuffled[i - 1]!),
    ).toBe(true);
    expect(dates((await ask("shuffled", "1000")).body)).toEqual(shuffled);
  });
});
