// POST /admin/login/session against the real test database: statuses, cookie, redirects.
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { upsertStaffUser } from "@/lib/db/staff-users";
import { resolveStaffSession } from "@/lib/auth/sessions";
import { POST } from "./route";

const unique = () => Math.random().toString(36).slice(2);
const password = "route-test-password";
const errorCodeOf = async (response: Response) => ((await response.json()) as { error: { code: string } }).error.code;

function post(fields: Record<string, string>, headers: Record<string, string> = {}) {
  return new NextRequest("http://127.0.0.1:3000/admin/login/session", {
    method: "POST",
    body: new URLSearchParams(fields).toString(),
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      host: "127.0.0.1:3000",
      origin: "http://127.0.0.1:3000",
      "x-forwarded-for": `192.0.2.${unique()}`,
      ...headers,
    },
  });
}

describe("POST /admin/login/session", () => {
  it("sets an HttpOnly, SameSite=Lax session cookie and answers the script with where to go", async () => {
    const email = `route-${unique()}@example.com`;
    await upsertStaffUser(email, password);
    const response = await POST(post({ email, password, next: "/admin/contacts?q=a" }, { accept: "application/json" }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ redirect: "/admin/contacts?q=a" });
    const cookie = response.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^crm_bridge_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=lax/i);
    expect(cookie).not.toMatch(/Secure/i); // APP_BASE_URL is http in tests
    const token = /crm_bridge_session=([^;]+)/.exec(cookie)?.[1];
    expect((await resolveStaffSession(token))?.email).toBe(email);
  });

  it("redirects a plain form with a relative Location, and sends a wrong password back with its message", async () => {
    const email = `route-${unique()}@example.com`;
    await upsertStaffUser(email, password);
    const ok = await POST(post({ email, password }));
    expect(ok.status).toBe(303);
    expect(ok.headers.get("location")).toBe("/admin");
    const wrong = await POST(post({ email, password: "nope", next: "/admin/connections" }));
    expect(wrong.status).toBe(303);
    expect(wrong.headers.get("location")).toBe("/admin/login?error=unauthorized&next=%2Fadmin%2Fconnections");
    expect(wrong.headers.get("set-cookie")).toBeNull();
  });

  it("answers each refusal with its status and code", async () => {
    const json = { accept: "application/json" };
    const cases: [NextRequest, number, string][] = [
      [post({ email: "x", password: "" }, json), 400, "bad_request"],
      [post({ email: `nobody-${unique()}@example.com`, password: "whatever" }, json), 401, "unauthorized"],
      [
        post({ email: "a@example.com", password: "p" }, { ...json, origin: "https://evil.example" }),
        403,
        "bad_request",
      ],
      [
        post({ email: "a@example.com", password: "p" }, { ...json, "content-type": "application/json" }),
        415,
        "bad_request",
      ],
      [post({ email: "a@example.com", password: "p".repeat(17 * 1024) }, json), 413, "payload_too_large"],
    ];
    for (const [request, status, code] of cases) {
      const response = await POST(request);
      expect(response.status, code).toBe(status);
      expect(await errorCodeOf(response)).toBe(code);
    }
    const twice = new NextRequest("http://127.0.0.1:3000/admin/login/session", {
      method: "POST",
      body: "email=a%40example.com&email=b%40example.com&password=x",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
    });
    expect(await errorCodeOf(await POST(twice))).toBe("duplicate_parameter");
  });

  it("answers 429 with Retry-After after ten failures from one address, as JSON or as a page", async () => {
    const address = `198.51.100.${unique()}`;
    for (let i = 0; i < 10; i++) {
      await POST(post({ email: `guess-${i}-${unique()}@example.com`, password: "x" }, { "x-forwarded-for": address }));
    }
    const json = await POST(
      post({ email: "a@example.com", password: "x" }, { "x-forwarded-for": address, accept: "application/json" }),
    );
    expect(json.status).toBe(429);
    expect(Number(json.headers.get("retry-after"))).toBeGreaterThan(800);
    expect(await errorCodeOf(json)).toBe("rate_limited");
    const page = await POST(post({ email: "a@example.com", password: "x" }, { "x-forwarded-for": address }));
    expect(page.status).toBe(429);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await page.text();
    expect(html).toContain("Too many failed sign-ins. Try again in 15 minutes.");
    expect(html).toContain('<main data-error-code="rate_limited">');
    expect(html).toContain('<a href="/admin/login">Back to sign-in</a>');
  });
});
