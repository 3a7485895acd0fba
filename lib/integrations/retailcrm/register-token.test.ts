import { describe, expect, it } from "vitest";
import { badTokenMessage, isValidRegisterToken, registerTokenFor, verifyRegisterToken } from "./register-token";

// Computed with PHP 8.2: hash_hmac('sha256', 'Zx8f1KQk3mWcVJb0pRt5yLs9', 'test-retailcrm-secret')
const phpToken = "eb7652bda965ff74b2372e3ea7848beb08ae8a3f8e04f4c91e249b56f2334c23";

describe("register token", () => {
  it("is PHP's hash_hmac('sha256', apiKey, secret)", () => {
    expect(registerTokenFor("Zx8f1KQk3mWcVJb0pRt5yLs9", "test-retailcrm-secret")).toBe(phpToken);
  });

  it("accepts the right token in either case and refuses anything else", () => {
    expect(isValidRegisterToken("Zx8f1KQk3mWcVJb0pRt5yLs9", phpToken, "test-retailcrm-secret")).toBe(true);
    expect(isValidRegisterToken("Zx8f1KQk3mWcVJb0pRt5yLs9", phpToken.toUpperCase(), "test-retailcrm-secret")).toBe(
      true,
    );
    expect(isValidRegisterToken("Zx8f1KQk3mWcVJb0pRt5yLs8", phpToken, "test-retailcrm-secret")).toBe(false);
    expect(isValidRegisterToken("Zx8f1KQk3mWcVJb0pRt5yLs9", phpToken, "other-secret")).toBe(false);
    expect(isValidRegisterToken("Zx8f1KQk3mWcVJb0pRt5yLs9", phpToken.slice(0, 63), "test-retailcrm-secret")).toBe(
      false,
    );
    // the key keyed by the secret, not the other way round
    expect(isValidRegisterToken("test-retailcrm-secret", phpToken, "Zx8f1KQk3mWcVJb0pRt5yLs9")).toBe(false);
  });

  it("answers a verdict like every host's, logging where the request claimed to come from, never the key", () => {
    const request = { apiKey: "Zx8f1KQk3mWcVJb0pRt5yLs9", token: phpToken, systemUrl: "https://shop.retailcrm.ru" };
    expect(verifyRegisterToken(request, "test-retailcrm-secret")).toEqual({
      ok: true,
      keySlot: "current",
      canonical: "register[systemUrl]=https://shop.retailcrm.ru",
    });
    const refused = verifyRegisterToken({ ...request, token: "0".repeat(64) }, "test-retailcrm-secret");
    expect(refused).toEqual({
      ok: false,
      code: "bad_token",
      status: 403,
      message: badTokenMessage,
      canonical: "register[systemUrl]=https://shop.retailcrm.ru",
    });
    expect(JSON.stringify(refused)).not.toContain(request.apiKey);
  });
});
