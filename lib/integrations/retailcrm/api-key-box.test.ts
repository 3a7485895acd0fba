import { describe, expect, it } from "vitest";
import { SecretBoxError } from "@/lib/crypto/secret-box";
import { openApiKey, sealApiKey } from "./api-key-box";

const sessionSecret = "session-secret-0123456789abcdef0123456789";
const encryptionKey = "encryption-key-0123456789abcdef0123456789";

describe("API key box", () => {
  it("seals with the first secret, bound to the account's URL", () => {
    const sealed = sealApiKey("key-1", "https://a.retailcrm.ru", [encryptionKey, sessionSecret]);
    expect(sealed).not.toContain("key-1");
    expect(openApiKey(sealed, "https://a.retailcrm.ru", [encryptionKey, sessionSecret])).toBe("key-1");
    expect(() => openApiKey(sealed, "https://b.retailcrm.ru", [encryptionKey, sessionSecret])).toThrow(SecretBoxError);
    expect(() => openApiKey(sealed, "https://a.retailcrm.ru", [sessionSecret])).toThrow(SecretBoxError);
  });

  it("still opens keys sealed with SESSION_SECRET after ENCRYPTION_KEY is set", () => {
    const before = sealApiKey("key-2", "https://a.retailcrm.ru", [sessionSecret]);
    expect(openApiKey(before, "https://a.retailcrm.ru", [encryptionKey, sessionSecret])).toBe("key-2");
  });

  it("refuses to seal without a secret", () => {
    expect(() => sealApiKey("key", "https://a.retailcrm.ru", [])).toThrow("no encryption secret configured");
  });
});
