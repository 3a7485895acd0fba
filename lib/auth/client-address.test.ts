import { describe, expect, it } from "vitest";
import { clientAddressFrom } from "./client-address";

const headers = (xff?: string) => new Headers(xff === undefined ? {} : { "x-forwarded-for": xff });

describe("clientAddressFrom", () => {
  it("takes the address the nearest proxy added (the last one)", () => {
    expect(clientAddressFrom(headers("203.0.113.9"))).toBe("203.0.113.9");
    expect(clientAddressFrom(headers("10.0.0.1, 198.51.100.7"))).toBe("198.51.100.7");
    expect(clientAddressFrom(headers("::FFFF:127.0.0.1"))).toBe("::ffff:127.0.0.1");
  });
  it("puts missing and malformed values in their own buckets", () => {
    expect(clientAddressFrom(headers())).toBe("unknown");
    expect(clientAddressFrom(headers(" , "))).toBe("unknown");
    expect(clientAddressFrom(headers("<script>"))).toBe("invalid");
    expect(clientAddressFrom(headers("1".repeat(500))).length).toBe(64);
  });
});
