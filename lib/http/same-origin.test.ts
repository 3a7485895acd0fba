import { describe, expect, it } from "vitest";
import { checkSameOrigin } from "./same-origin";

const base = "https://crm.example.com";
const check = (headers: Record<string, string>) => () => checkSameOrigin(new Headers(headers), base);

describe("checkSameOrigin", () => {
  it("accepts the request's own host, APP_BASE_URL, and requests without Origin", () => {
    expect(check({ origin: "http://127.0.0.1:3000", host: "127.0.0.1:3000" })).not.toThrow();
    expect(check({ origin: "https://crm.example.com", host: "10.0.0.5:3000" })).not.toThrow();
    expect(
      check({ origin: "https://crm.example.com", "x-forwarded-host": "crm.example.com", host: "internal" }),
    ).not.toThrow();
    expect(check({ host: "crm.example.com" })).not.toThrow();
    // A form posted from a no-referrer page: Origin is "null", Sec-Fetch-Site tells the truth.
    expect(check({ origin: "null", "sec-fetch-site": "same-origin", host: "crm.example.com" })).not.toThrow();
  });
  it("refuses other sites with 403", () => {
    const cases: Record<string, string>[] = [
      { origin: "https://evil.example", host: "crm.example.com" },
      { origin: "null", host: "crm.example.com" },
      { origin: "not a url", host: "crm.example.com" },
      { "sec-fetch-site": "cross-site", host: "crm.example.com" },
      { "sec-fetch-site": "same-site", origin: "https://crm.example.com", host: "crm.example.com" },
    ];
    for (const headers of cases) {
      expect(check(headers)).toThrow(expect.objectContaining({ status: 403 }));
    }
  });
});
