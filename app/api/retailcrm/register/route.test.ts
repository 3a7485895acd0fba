import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { openApiKey } from "@/lib/integrations/retailcrm/api-key-box";
import { handleRegister } from "@/lib/integrations/retailcrm/register-handler";
import { badTokenMessage } from "@/lib/integrations/retailcrm/register-token";
import { startFakeRetailCrm, type FakeRetailCrm } from "@/tests/fakes/retailcrm-server";
import { registerRequest, registerShapes, signedRegister, tokenFor } from "@/tests/support/retailcrm";
import { testSecrets } from "@/tests/support/test-config";
import { POST } from "./route";
import { flushDeferredWrites } from "@/lib/db/deferred-writes";
import { type CapturedLogs, captureLogs } from "@/tests/support/captured-logs";

const apiKey = "RcApiKey0123456789abcdefghij";
const code = testSecrets.RETAILCRM_MODULE_CODE;
const fakes: FakeRetailCrm[] = [];
const logged: string[] = [];
const seen: string[] = [];

async function fakeSystem(): Promise<FakeRetailCrm> {
  const fake = await startFakeRetailCrm({ apiKeys: [apiKey] });
  fakes.push(fake);
  return fake;
}

async function answer(response: Response): Promise<{ status: number; body: Record<string, unknown> }> {
  const text = await response.text();
  seen.push(text, JSON.stringify([...response.headers]));
  return { status: response.status, body: JSON.parse(text) as Record<string, unknown> };
}

const rowsFor = (systemUrl: string) => db().retailCrmConnection.findMany({ where: { systemUrl } });

let logs: CapturedLogs;
beforeAll(() => {
  logs = captureLogs();
  for (const method of ["log", "info", "warn", "error", "debug"] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      logged.push(args.map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : String(a))).join(" "));
    });
  }
});
afterEach(() => Promise.all(fakes.splice(0).map((f) => f.close())));
afterAll(() => {
  vi.restoreAllMocks();
  logs.restore();
  logged.push(logs.text());
  // The API key never appears in any response (body or header) nor in any log line.
  expect(seen.length).toBeGreaterThan(0);
  for (const text of [...seen, ...logged]) expect(text).not.toContain(apiKey);
});

describe("POST /api/retailcrm/register", () => {
  it.each(registerShapes)("connects an account sending the %s shape", async (shape) => {
    const fake = await fakeSystem();
    const { status, body } = await answer(await POST(signedRegister(fake.url, apiKey, shape)));
    expect(status).toBe(200);
    expect(body).toEqual({ success: true, accountUrl: "http://localhost:3000/retailcrm/account" });

    // the account was told about the module, with the key in X-API-KEY
    expect(fake.calls).toHaveLength(1);
    expect(fake.calls[0]?.apiKey).toBe(apiKey);
    const registered = fake.modules.get(code);
    expect(registered).toEqual({
      code,
      integrationCode: code,
      active: true,
      name: "CRM Bridge",
      logo: "http://localhost:3000/retailcrm-logo.svg",
      clientId: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) as string,
      baseUrl: "http://localhost:3000",
      accountUrl: "http://localhost:3000/retailcrm/account",
      actions: { activity: "/api/retailcrm/activity" },
    });

    // and the connection is stored with that client id and the key sealed
    const [row, ...others] = await rowsFor(fake.url);
    expect(others).toEqual([]);
    expect(row).toMatchObject({ clientId: registered?.clientId, active: true, frozen: false });
    expect(row?.apiKeyEncrypted).not.toContain(apiKey);
    expect(openApiKey(row!.apiKeyEncrypted, fake.url, env().encryptionSecrets)).toBe(apiKey);
  });

  it("stores the account's origin, so the same account written differently is one connection", async () => {
    const fake = await fakeSystem();
    expect((await answer(await POST(signedRegister(`${fake.url}/`, apiKey)))).body.success).toBe(true);
    expect(await rowsFor(fake.url)).toHaveLength(1);
  });

  it("refuses a wrong token without calling the account, and records why", async () => {
    const fake = await fakeSystem();
    for (const token of [tokenFor(`${apiKey}x`), "f".repeat(64)]) {
      const { status, body } = await answer(
        await POST(registerRequest("register-json", { systemUrl: fake.url, apiKey, token })),
      );
      expect(status).toBe(200);
      expect(body).toEqual({ success: false, errorMsg: badTokenMessage });
    }
    expect(fake.calls).toHaveLength(0);
    expect(await rowsFor(fake.url)).toHaveLength(0);
    await flushDeferredWrites();
    // Found by its own fake account's address, not as "the latest row": other files log too.
    const recorded = await db().verificationFailure.findMany({
      where: { integration: "retailcrm", canonical: `register[systemUrl]=${fake.url}` },
    });
    expect(recorded.map((r) => r.reason)).toEqual(["bad_token", "bad_token"]);
  });

  it.each(registerShapes)("names the missing fields (%s shape)", async (shape) => {
    const fake = await fakeSystem();
    const { status, body } = await answer(await POST(registerRequest(shape, { systemUrl: fake.url })));
    expect(status).toBe(200);
    expect(body).toEqual({ success: false, errorMsg: "register[apiKey] and register[token] are missing." });
    const empty = await answer(
      await POST(new Request("http://localhost:3000/api/retailcrm/register", { method: "POST" })),
    );
    expect(empty.body).toEqual({ success: false, errorMsg: "register is missing." });
    expect(fake.calls).toHaveLength(0);
  });

  it("refuses hostile system URLs before sending the key anywhere", async () => {
    const fake = await fakeSystem();
    const port = new URL(fake.url).port;
    const cases: [string, RegExp][] = [
      ["javascript:alert(1)", /must be an https:\/\/ address/],
      ["file:///etc/passwd", /must be an https:\/\/ address/],
      [`ftp://127.0.0.1:${port}`, /must be an https:\/\/ address/],
      [`http://user:pass@127.0.0.1:${port}`, /user name or password/],
      [`http://${apiKey}@127.0.0.1:${port}`, /user name or password/],
      ["http://demo.retailcrm.ru", /must use https:\/\//],
      ["http://10.0.0.8", /must use https:\/\//],
      ["https://169.254.169.254", /private network address/],
      [`${fake.url}/api/v5/other#`, /without a path/],
      [`${fake.url}\\@evil.example`, /characters/],
      ["not a url", /characters|not a valid URL/],
    ];
    for (const [systemUrl, message] of cases) {
      const { status, body } = await answer(await POST(signedRegister(systemUrl, apiKey)));
      expect(status, systemUrl).toBe(200);
      expect(body.success, systemUrl).toBe(false);
      expect(body.errorMsg, systemUrl).toMatch(message);
    }
    expect(fake.calls).toHaveLength(0);
    expect(await db().retailCrmConnection.count({ where: { systemUrl: { contains: "169.254" } } })).toBe(0);
  });

  it("passes the account's own error message through and stores nothing", async () => {
    const fake = await fakeSystem();
    fake.behave({ kind: "error", errorMsg: "Module with this code is blocked", errors: { code: "Contact support." } });
    const { body } = await answer(await POST(signedRegister(fake.url, apiKey)));
    expect(body).toEqual({
      success: false,
      errorMsg: "The system answered: Module with this code is blocked: code: Contact support.",
    });
    expect(await rowsFor(fake.url)).toHaveLength(0);
  });

  it("says the system rejected the API key (403 from retailCRM, or a bare 401)", async () => {
    const fake = await fakeSystem();
    const rejected = await answer(await POST(signedRegister(fake.url, "SomeOtherKey123")));
    expect(rejected.body.errorMsg).toMatch(/^The system rejected the API key \(Wrong "apiKey" value\.\)/);
    fake.behave({ kind: "status", status: 401 });
    expect((await answer(await POST(signedRegister(fake.url, apiKey)))).body.errorMsg).toMatch(
      /^The system rejected the API key/,
    );
    expect(await rowsFor(fake.url)).toHaveLength(0);
  });

  it("reports a server error of the account", async () => {
    const fake = await fakeSystem();
    fake.behave({ kind: "status", status: 500 });
    const { body } = await answer(await POST(signedRegister(fake.url, apiKey)));
    expect(body).toEqual({
      success: false,
      errorMsg: `${fake.url} answered with an error (HTTP 500). Please try again later.`,
    });
    expect(await rowsFor(fake.url)).toHaveLength(0);
  });

  it("gives up on an account that does not answer, and stores nothing", async () => {
    const fake = await fakeSystem();
    fake.behave({ kind: "hang" });
    const { status, body } = await answer(await handleRegister(signedRegister(fake.url, apiKey), { timeoutMs: 300 }));
    expect(status).toBe(200);
    expect(body).toEqual({
      success: false,
      errorMsg: `${fake.url} did not answer within 0.3 seconds. Please try again.`,
    });
    expect(fake.calls).toHaveLength(1);
    expect(await rowsFor(fake.url)).toHaveLength(0);
  });

  it("says when the account cannot be reached", async () => {
    const fake = await fakeSystem();
    await fake.close();
    const { body } = await answer(await POST(signedRegister(fake.url, apiKey)));
    expect(body.errorMsg).toBe(
      `Could not reach ${fake.url}: the connection was refused. Check the account address and try again.`,
    );
  });

  it("updates the connection when the same account connects again, keeping its id", async () => {
    const fake = await fakeSystem();
    await answer(await POST(signedRegister(fake.url, apiKey)));
    const [first] = await rowsFor(fake.url);
    await db().retailCrmConnection.update({ where: { id: first!.id }, data: { active: false, frozen: true } });
    await db().retailCrmSession.create({
      data: { tokenHash: "old-session", connectionId: first!.id, expiresAt: new Date(Date.now() + 60_000) },
    });

    const { body } = await answer(await POST(signedRegister(fake.url, apiKey, "json-body")));
    expect(body.success).toBe(true);
    const rows = await rowsFor(fake.url);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: first!.id, active: true, frozen: false, connectedAt: first!.connectedAt });
    // a new client id, the one the account now holds; sessions opened with the old one end
    expect(rows[0]!.clientId).not.toBe(first!.clientId);
    expect(rows[0]!.clientId).toBe(fake.modules.get(code)?.clientId);
    expect(await db().retailCrmSession.count({ where: { connectionId: first!.id } })).toBe(0);
  });

  it("ends a concurrent double Connect with one connection, holding the client id the account kept", async () => {
    const fake = await fakeSystem();
    // The account keeps the module of the request it received last, but answers the first one last.
    fake.behave({ kind: "success", delaysMs: [300, 0] });
    const results = await Promise.all([
      POST(signedRegister(fake.url, apiKey)),
      POST(signedRegister(fake.url, apiKey, "bracket-fields")),
    ]);
    for (const result of results) expect((await answer(result)).body.success).toBe(true);
    expect(fake.calls).toHaveLength(2);
    const rows = await rowsFor(fake.url);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.clientId).toBe(fake.modules.get(code)?.clientId);
  });

  it("refuses a body over 1 MiB with 413, still in retailCRM's format", async () => {
    const huge = new URLSearchParams({ register: JSON.stringify({ pad: "x".repeat(1024 * 1024) }) }).toString();
    const request = new Request("http://localhost:3000/api/retailcrm/register", {
      method: "POST",
      body: huge,
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    const { status, body } = await answer(await POST(request));
    expect(status).toBe(413);
    expect(body).toEqual({ success: false, errorMsg: "The request body is larger than 1024 KiB." });
  });

  it("answers malformed JSON in retailCRM's format", async () => {
    const request = new Request("http://localhost:3000/api/retailcrm/register", {
      method: "POST",
      body: "{",
      headers: { "content-type": "application/json" },
    });
    expect(await answer(await POST(request))).toEqual({
      status: 200,
      body: { success: false, errorMsg: "The request body is not valid JSON." },
    });
  });
});
