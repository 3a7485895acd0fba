import { describe, expect, it } from "vitest";
import { deriveSecretBoxKey, openSecret, sealSecret, SecretBoxError } from "./secret-box";

const key = deriveSecretBoxKey("server-secret-0123456789abcdef0123456789", "retailcrm-api-key");
const other = deriveSecretBoxKey("another-secret-0123456789abcdef012345678", "retailcrm-api-key");

describe("secret box", () => {
  it("derives a 32-byte key that depends on the secret and the purpose", () => {
    expect(key).toHaveLength(32);
    expect(key.equals(deriveSecretBoxKey("server-secret-0123456789abcdef0123456789", "retailcrm-api-key"))).toBe(true);
    expect(key.equals(deriveSecretBoxKey("server-secret-0123456789abcdef0123456789", "something-else"))).toBe(false);
    expect(key.equals(other)).toBe(false);
  });

  it("seals to text that does not contain the secret and opens it again", () => {
    const box = sealSecret("api-key-ÄÖ-123", key, "https://a.retailcrm.ru");
    expect(box).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    expect(box).not.toContain("api-key");
    expect(openSecret(box, [key], "https://a.retailcrm.ru")).toBe("api-key-ÄÖ-123");
  });

  it("uses a fresh IV for every box", () => {
    expect(sealSecret("same", key, "x")).not.toBe(sealSecret("same", key, "x"));
  });

  it("opens with a later key of the ring, so a key change keeps old boxes readable", () => {
    const box = sealSecret("old-key", other, "x");
    expect(openSecret(box, [key, other], "x")).toBe("old-key");
    expect(() => openSecret(box, [key], "x")).toThrow(SecretBoxError);
  });

  it("refuses a box moved to another record (associated data)", () => {
    const box = sealSecret("secret", key, "https://a.retailcrm.ru");
    expect(() => openSecret(box, [key], "https://b.retailcrm.ru")).toThrow(SecretBoxError);
  });

  it("refuses tampered and malformed boxes without saying why", () => {
    const box = sealSecret("secret", key, "x");
    const [v, iv, body] = box.split(".") as [string, string, string];
    const flipped = Buffer.from(body, "base64url");
    flipped[0] = flipped[0]! ^ 1;
    for (const bad of [
      `${v}.${iv}.${flipped.toString("base64url")}`,
      `v2.${iv}.${body}`,
      `${v}.${iv}`,
      `${v}.${iv}.${body}.extra`,
      `${v}.AAAA.${body}`,
      `${v}.${iv}.AAAA`,
      "",
    ]) {
      expect(() => openSecret(bad, [key], "x")).toThrow(new SecretBoxError().message);
    }
  });
});
