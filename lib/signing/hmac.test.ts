import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { constantTimeEquals, hexDigestEquals, hmacSha256Hex, verifyHexSignature } from "./hmac";

describe("hmacSha256Hex", () => {
  it("matches RFC 4231 test case 2", () => {
    expect(hmacSha256Hex("Jefe", "what do ya want for nothing?")).toBe(
      "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
    );
  });
  it("keys with the UTF-8 bytes of the key string, as the hosts' examples do", () => {
    const key = "ключ-🔑";
    expect(hmacSha256Hex(key, "ünïcode")).toBe(
      createHmac("sha256", Buffer.from(key, "utf8")).update(Buffer.from("ünïcode", "utf8")).digest("hex"),
    );
  });
});

describe("hexDigestEquals", () => {
  const digest = hmacSha256Hex("k", "m");
  it("accepts the digest in either case", () => {
    expect(hexDigestEquals(digest, digest)).toBe(true);
    expect(hexDigestEquals(digest.toUpperCase(), digest)).toBe(true);
  });
  it("rejects a different, truncated, padded or non-hex value without throwing", () => {
    expect(hexDigestEquals(hmacSha256Hex("k", "n"), digest)).toBe(false);
    expect(hexDigestEquals(digest.slice(0, 63), digest)).toBe(false);
    expect(hexDigestEquals(`${digest}0`, digest)).toBe(false);
    expect(hexDigestEquals(`${digest.slice(0, 63)}g`, digest)).toBe(false);
    expect(hexDigestEquals("", digest)).toBe(false);
  });
});

describe("verifyHexSignature", () => {
  const ring = [
    { slot: "current" as const, secret: "new-secret" },
    { slot: "previous" as const, secret: "old-secret" },
  ];
  it("tells which key signed", () => {
    expect(verifyHexSignature("msg", hmacSha256Hex("new-secret", "msg"), ring)).toBe("current");
    expect(verifyHexSignature("msg", hmacSha256Hex("old-secret", "msg"), ring)).toBe("previous");
    expect(verifyHexSignature("msg", hmacSha256Hex("other", "msg"), ring)).toBeNull();
    expect(verifyHexSignature("msg", hmacSha256Hex("old-secret", "msg"), ring.slice(0, 1))).toBeNull();
  });
});

describe("constantTimeEquals", () => {
  it("compares whole strings", () => {
    expect(constantTimeEquals("abc", "abc")).toBe(true);
    expect(constantTimeEquals("abc", "abd")).toBe(false);
    expect(constantTimeEquals("abc", "abcd")).toBe(false);
  });
});
