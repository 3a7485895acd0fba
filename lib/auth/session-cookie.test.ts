import { describe, expect, it } from "vitest";
import { sessionCookieName, sessionCookieOptions, sessionMaxAgeSeconds } from "./session-cookie";
import { hashSessionToken, isWellFormedToken, newSessionToken } from "./session-token";

describe("session cookie", () => {
  it("is Secure, with the __Host- prefix, when the app is served over https", () => {
    expect(sessionCookieName("https://crm.example.com")).toBe("__Host-crm_bridge_session");
    expect(sessionCookieOptions("https://crm.example.com")).toEqual({
      httpOnly: true,
      sameSite: "lax",
      secure: true,
      path: "/",
      maxAge: sessionMaxAgeSeconds,
    });
  });
  it("is not Secure over plain http (local development)", () => {
    expect(sessionCookieName("http://localhost:3000")).toBe("crm_bridge_session");
    expect(sessionCookieOptions("http://localhost:3000").secure).toBe(false);
    expect(sessionCookieOptions("http://localhost:3000").httpOnly).toBe(true);
  });
});

describe("session tokens", () => {
  it("are 32 random bytes, stored only as their SHA-256", () => {
    const a = newSessionToken();
    expect(a.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a.token, "base64url")).toHaveLength(32);
    expect(a.tokenHash).toBe(hashSessionToken(a.token));
    expect(a.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.tokenHash).not.toContain(a.token);
    expect(newSessionToken().token).not.toBe(a.token);
  });
  it("refuses values that cannot be tokens", () => {
    expect(isWellFormedToken(newSessionToken().token)).toBe(true);
    for (const bad of [undefined, "", "short", "x".repeat(44), `${"a".repeat(42)}=`])
      expect(isWellFormedToken(bad)).toBe(false);
  });
});
