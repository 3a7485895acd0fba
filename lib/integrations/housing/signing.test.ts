import { describe, expect, it } from "vitest";
import { housingHash, leadsQuery, redactedQuery } from "./signing";

describe("Housing.com request signing", () => {
  it("is lowercase hex HMAC-SHA256 keyed by the API key over current_time", () => {
    // Cross-checked with `echo -n 1467893596 | openssl dgst -sha256 -hmac test-key-K`, the
    // same computation as the seed's OpenSSL::HMAC.hexdigest('sha256', K, T).
    expect(housingHash("test-key-K", "1467893596")).toBe(
      "d16e307e9c7d9ce260b6fe9577f42aecbb8962810f83c3bf76e3f544d48b17e1",
    );
  });

  it("builds the query in the seed's order, times as epoch seconds, the hash over this request's current_time", () => {
    const query = leadsQuery({
      window: { start: 1467800000, end: 1467886399 },
      currentTime: 1467893596,
      clientId: "4544",
      apiKey: "test-key-K",
      pageSize: 1000,
    });
    expect([...query.keys()]).toEqual(["start_date", "end_date", "current_time", "hash", "id", "per_page"]);
    expect(query.get("start_date")).toBe("1467800000");
    expect(query.get("end_date")).toBe("1467886399");
    expect(query.get("current_time")).toBe("1467893596");
    expect(query.get("hash")).toBe(housingHash("test-key-K", "1467893596"));
    expect(query.get("id")).toBe("4544");
    expect(query.get("per_page")).toBe("1000");
    const later = leadsQuery({
      window: { start: 1, end: 2 },
      currentTime: 1467893597,
      clientId: "4544",
      apiKey: "test-key-K",
      pageSize: 1000,
    });
    expect(later.get("hash")).not.toBe(query.get("hash"));
  });

  it("redacts the hash when the query is shown", () => {
    const query = leadsQuery({
      window: { start: 1, end: 2 },
      currentTime: 3,
      clientId: "4544",
      apiKey: "k",
      pageSize: 500,
    });
    const shown = redactedQuery(query);
    expect(shown).toBe("start_date=1&end_date=2&current_time=3&hash=[redacted]&id=4544&per_page=500");
    expect(shown).not.toContain(query.get("hash")!);
    expect(query.get("hash")).toMatch(/^[0-9a-f]{64}$/);
  });
});
