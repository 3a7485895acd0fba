import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { accountSessionCookie, findAccountSession, readCookie } from "@/lib/integrations/retailcrm/account/session";
import { startFakeRetailCrm, type FakeRetailCrm } from "@/tests/fakes/retailcrm-server";
import { connectFakeAccount, formRequest } from "@/tests/support/retailcrm";
import { POST } from "./route";

const apiKey = "SessionKey0123456789abc";
const url = "http://localhost:3000/retailcrm/account";
let fake: FakeRetailCrm;
let clientId: string;

beforeAll(async () => {
  fake = await startFakeRetailCrm({ apiKeys: [apiKey] });
  clientId = await connectFakeAccount(fake, apiKey);
});
afterAll(() => fake.close());

function tokenOf(response: Response): string {
  const token = readCookie(response.headers.get("set-cookie")?.split(";")[0] ?? null, "retailcrm_session");
  if (!token) throw new Error("no session cookie");
  return token;
}

describe("POST /retailcrm/account", () => {
  it("starts a session for the connection of the clientId and redirects to the page with 303", async () => {
    const response = await POST(formRequest(url, { clientId }));
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/retailcrm/account");
    expect(response.headers.get("cache-control")).toBe("no-store");
    const cookie = response.headers.get("set-cookie")!;
    expect(cookie).toMatch(
      /^retailcrm_session=[A-Za-z0-9_-]{43}; Path=\/retailcrm; Max-Age=28800; HttpOnly; SameSite=Lax$/,
    );

    const token = tokenOf(response);
    const connection = await findAccountSession(token);
    expect(connection?.systemUrl).toBe(fake.url);
    // only the token's hash is stored
    const stored = await db().retailCrmSession.findMany({ where: { connectionId: connection!.id } });
    expect(stored.map((s) => s.tokenHash)).toContain(createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(stored)).not.toContain(token);
    await expect(response.text()).resolves.not.toContain(apiKey);
  });

  it("answers 404 for an unknown clientId, with a page and no session", async () => {
    const before = await db().retailCrmSession.count();
    const response = await POST(formRequest(url, { clientId: "not-a-known-client" }));
    expect(response.status).toBe(404);
    expect(response.headers.get("set-cookie")).toBeNull();
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await response.text()).toContain('data-error-code="not_found"');
    expect(await db().retailCrmSession.count()).toBe(before);
  });

  it("answers 400 when clientId is missing or sent twice", async () => {
    const missing = await POST(formRequest(url, {}));
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain('data-error-code="missing_parameter"');
    const twice = await POST(
      new Request(url, {
        method: "POST",
        body: `clientId=${clientId}&clientId=${clientId}`,
        headers: { "content-type": "application/x-www-form-urlencoded" },
      }),
    );
    expect(twice.status).toBe(400);
  });

  it("lets the error page show inside retailCRM's iframe (it holds no data)", async () => {
    const response = await POST(formRequest(url, { clientId: "unknown" }));
    expect(response.headers.get("content-security-policy")).toMatch(/frame-ancestors \*$/);
  });
});

describe("the session cookie", () => {
  it("is SameSite=None; Secure; Partitioned on https, so it works inside retailCRM's iframe", () => {
    expect(accountSessionCookie("tok", "https://crm.example.com")).toBe(
      "__Secure-retailcrm_session=tok; Path=/retailcrm; Max-Age=28800; HttpOnly; Secure; SameSite=None; Partitioned",
    );
  });

  it("ends with its time", async () => {
    const response = await POST(formRequest(url, { clientId }));
    const token = tokenOf(response);
    expect(await findAccountSession(token, new Date(Date.now() + 8 * 3600_000 - 1000))).not.toBeNull();
    expect(await findAccountSession(token, new Date(Date.now() + 8 * 3600_000 + 1000))).toBeNull();
    expect(await findAccountSession("x".repeat(43))).toBeNull();
    expect(await findAccountSession(undefined)).toBeNull();
  });
});
