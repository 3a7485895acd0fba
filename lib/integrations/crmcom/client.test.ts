// Authentication and failures of the CRM.COM connector, against the fake Back-Office:
// secret and public keys, user sign-in with token expiry, refresh and new sign-in,
// retries, and what a failed run says (never a key, password or token).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FakeCrmcom, type FakeCrmcomOptions, startFakeCrmcom } from "@/tests/fakes/crmcom-server";
import { clearConnectorData, useOwnDatabase } from "@/tests/support/own-database";
import { runConnector, type RunResult } from "@/lib/connectors/run";
import { findConnectorState } from "@/lib/db/connector-state";
import { findConnectorRun } from "@/lib/db/connector-runs";
import type { CrmcomAuth } from "./client";
import { crmcomConnector } from "./connector";

const database = useOwnDatabase();
const secretKey = "sk-live-9b0c6f2e41d8";
const publicKey = "pk-live-77aa13c5e0f2";
const user = { username: "sync@bridge.example", password: "Qwerty12-not-a-real-one" };
const t0 = 1_767_225_600;

const contacts = Array.from({ length: 45 }, (_, i) => ({
  id: `c-${i}`,
  contact_type: "PERSON",
  first_name: `Person${i}`,
  email_address: `person${i}@example.com`,
  updated_date: t0 + i,
}));

let fake: FakeCrmcom;
async function fakeWith(options: Partial<FakeCrmcomOptions> = {}) {
  fake = await startFakeCrmcom({
    contacts,
    secretKeys: [secretKey],
    publicKeys: [publicKey],
    users: [user],
    ...options,
  });
  return fake;
}

const asKey = (apiKey = secretKey): CrmcomAuth => ({ kind: "apiKey", apiKey });
const asUser = (password = user.password): CrmcomAuth => ({ kind: "user", username: user.username, password });

function run(auth: CrmcomAuth, options: { apiUrl?: string; timeoutMs?: number } = {}) {
  const connector = crmcomConnector(
    { apiUrl: options.apiUrl ?? fake.url, auth, pageSize: 10 },
    { timeoutMs: options.timeoutMs ?? 5000, contactsPerUnit: 10 },
  );
  return runConnector(connector, { client: database.client, retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 } });
}

/** The requests CRM.COM saw, as "path-or-page status". */
const trail = () =>
  fake.log.map(
    (r) => `${r.page === undefined ? r.path.replace("/backoffice/v1/users/", "") : `p${r.page}`} ${r.status}`,
  );
const stored = () => database.client.externalRef.count({ where: { system: "crmcom" } });

/** A failed run: its message is in the run record too, and holds none of the secrets. */
async function expectFailure(result: RunResult, message: RegExp | string, secrets: string[]) {
  expect(result.status).toBe("failed");
  if (typeof message === "string") expect(result.error).toBe(message);
  else expect(result.error).toMatch(message);
  const record = await findConnectorRun(result.runId, database.client);
  expect(record).toMatchObject({ status: "failed", error: result.error });
  for (const secret of secrets) expect(result.error).not.toContain(secret);
}

beforeEach(() => clearConnectorData(database.client));
afterEach(() => fake?.close());

describe("CRM.COM authentication with an API key", () => {
  it("sends the secret key as api_key on every request, and signs nobody in", async () => {
    await fakeWith();
    const result = await run(asKey());
    expect(result.counts).toMatchObject({ pages: 5, created: 45 });
    expect(fake.log.every((r) => r.auth === "key" && r.path === "/backoffice/v1/contacts")).toBe(true);
  });

  it("fails at once on a public key (403), saying public keys cannot read contacts", async () => {
    await fakeWith();
    const result = await run(asKey(publicKey));
    await expectFailure(
      result,
      "unauthorized: CRM.COM refused CRMCOM_SECRET_KEY (HTTP 403): the key was rejected (wrong, expired or rolled) or lacks the " +
        "scope to read contacts; public API keys cannot read contacts, use a secret key " +
        "(CRM.COM says: FORBIDDEN: Public API keys cannot access this resource)",
      [publicKey],
    );
    expect(trail()).toEqual(["p1 403"]);
    expect(await stored()).toBe(0);
    expect((await findConnectorState("crmcom", database.client))?.cursor ?? null).toBeNull();
  });

  it("fails at once on a key CRM.COM does not know (401)", async () => {
    await fakeWith();
    const result = await run(asKey("sk-live-wrong-000"));
    await expectFailure(
      result,
      /^unauthorized: CRM\.COM refused CRMCOM_SECRET_KEY \(HTTP 401\): the key was rejected .*Invalid API key\)$/,
      ["sk-live-wrong-000"],
    );
    expect(trail()).toEqual(["p1 401"]);
  });
});

describe("CRM.COM authentication as a Back-Office user", () => {
  it("signs in once and sends the access token as a bearer", async () => {
    await fakeWith();
    const result = await run(asUser());
    expect(result.counts).toMatchObject({ pages: 5, created: 45 });
    expect(trail()).toEqual(["authenticate 200", "p1 200", "p2 200", "p3 200", "p4 200", "p5 200"]);
    expect(fake.contactsRequests().every((r) => r.auth === "bearer")).toBe(true);
  });

  it("refreshes an expired token once and repeats the request", async () => {
    await fakeWith({ beforePage: (page) => (page === 2 ? fake.expireTokens() : undefined) });
    const result = await run(asUser());
    expect(result).toMatchObject({ status: "succeeded", counts: { pages: 5, created: 45 } });
    expect(trail()).toEqual([
      "authenticate 200",
      "p1 200",
      "p2 200",
      "p3 401",
      "refresh 200",
      "p3 200",
      "p4 200",
      "p5 200",
    ]);
  });

  it("signs in again when the refresh token is refused too", async () => {
    await fakeWith({ beforePage: (page) => (page === 2 ? fake.expireTokens("all") : undefined) });
    const result = await run(asUser());
    expect(result).toMatchObject({ status: "succeeded", counts: { pages: 5, created: 45 } });
    expect(trail()).toEqual([
      "authenticate 200",
      "p1 200",
      "p2 200",
      "p3 401",
      "refresh 401",
      "authenticate 200",
      "p3 200",
      "p4 200",
      "p5 200",
    ]);
  });

  it("keeps going through tokens that expire on their own", async () => {
    // Tokens live 100 ms; page 2 is held 150 ms, so the token in use has expired by page 3.
    await fakeWith({
      tokenTtlMs: 100,
      beforePage: (page) => (page === 2 ? new Promise((resolve) => setTimeout(resolve, 150)) : undefined),
    });
    const result = await run(asUser());
    expect(result).toMatchObject({ status: "succeeded", counts: { pages: 5, created: 45 } });
    const refused = fake.log.findIndex((r) => r.status === 401);
    expect(refused).toBeGreaterThan(0);
    expect(fake.log[refused + 1]).toMatchObject({ path: "/backoffice/v1/users/refresh", status: 200 });
    expect(fake.log[refused + 2]).toMatchObject({ page: fake.log[refused]!.page, status: 200 });
    expect(await stored()).toBe(45);
  });

  it("fails clearly when the sign-in is refused, without retrying", async () => {
    await fakeWith();
    const result = await run(asUser("wrong-password-123"));
    await expectFailure(
      result,
      "unauthorized: CRM.COM refused the Back-Office sign-in of sync@bridge.example (HTTP 401): check CRMCOM_USERNAME and " +
        "CRMCOM_PASSWORD (CRM.COM says: INVALID_CREDENTIALS: Invalid username or password)",
      ["wrong-password-123"],
    );
    expect(trail()).toEqual(["authenticate 401"]);
  });

  it("gives up when CRM.COM refuses even a token it has just issued", async () => {
    await fakeWith();
    fake.failNext(401, 401, 401);
    const result = await run(asUser());
    await expectFailure(
      result,
      /^unauthorized: CRM\.COM refused the token it had just issued to sync@bridge\.example \(HTTP 401\)/,
      [user.password],
    );
    expect(trail()).toEqual(["authenticate 200", "p1 401", "refresh 200", "p1 401", "authenticate 200", "p1 401"]);
  });

  it("names the user who may not read contacts (403)", async () => {
    await fakeWith();
    fake.failNext({ status: 403, body: JSON.stringify({ error: "FORBIDDEN", message: "Insufficient permissions" }) });
    const result = await run(asUser());
    await expectFailure(
      result,
      /^unauthorized: CRM\.COM does not let sync@bridge\.example read contacts \(HTTP 403\)/,
      [user.password],
    );
  });
});

describe("CRM.COM failures", () => {
  it("retries 429, 500 and 503, honouring Retry-After, then goes on", async () => {
    await fakeWith();
    fake.failNext("serve", { status: 429, headers: { "retry-after": "0" } }, 500, "serve", 503);
    const result = await run(asKey());
    expect(result).toMatchObject({ status: "succeeded", counts: { pages: 5, created: 45 } });
    expect(trail().slice(0, 7)).toEqual(["p1 200", "p2 429", "p2 500", "p2 200", "p3 503", "p3 200", "p4 200"]);
  });

  it("fails after the last attempt, keeping the pages committed before", async () => {
    await fakeWith();
    fake.failNext("serve", "serve", 503, 503, 503);
    const result = await run(asKey());
    await expectFailure(
      result,
      "unavailable: CRM.COM answered HTTP 503 for page 3 (CRM.COM says: FAKE_FAILURE: scripted 503) (gave up after 3 attempts)",
      [secretKey],
    );
    expect(result.counts).toMatchObject({ pages: 2, created: 20 });
    expect(await stored()).toBe(20);
    expect(JSON.parse((await findConnectorState("crmcom", database.client))!.cursor!)).toEqual({
      page: 2,
      mark: new Date((t0 + 19) * 1000).toISOString(),
    });
  });

  it("retries a request CRM.COM does not answer in time", async () => {
    let held = 0;
    await fakeWith({
      beforePage: (page) =>
        page === 2 && held++ === 0 ? new Promise((resolve) => setTimeout(resolve, 600)) : undefined,
    });
    const result = await run(asKey(), { timeoutMs: 200 });
    expect(result).toMatchObject({ status: "succeeded", counts: { pages: 5, created: 45 } });
    expect(fake.contactsRequests().filter((r) => r.page === 2)).toHaveLength(2);
  });

  it("fails after retries when CRM.COM cannot be reached", async () => {
    await fakeWith();
    const closed = fake.url;
    await fake.close();
    const result = await run(asKey(), { apiUrl: closed });
    expect(result.error).toBe(
      `unavailable: cannot reach CRM.COM at ${closed}: ECONNREFUSED (gave up after 3 attempts)`,
    );
    await expectFailure(result, /^unavailable: /, [secretKey]);
  });

  it("fails on an answer that is not a page of contacts", async () => {
    await fakeWith();
    fake.failNext("serve", { status: 200, body: JSON.stringify({ status: "ok" }) });
    const result = await run(asKey());
    await expectFailure(
      result,
      'bad_response: CRM.COM\'s answer for page 2 is not a page of contacts: expected {"content": […], "paging": {…}} or an array',
      [],
    );
    expect(result.counts).toMatchObject({ pages: 1, created: 10 });
    // The next run resumes at page 1, the last one committed.
    fake.failNext({ status: 200, body: "<html>maintenance</html>" });
    expect((await run(asKey())).error).toBe("bad_response: CRM.COM's answer for page 1 is not JSON");
  });

  it("says what was asked on 400, and suspects CRMCOM_API_URL on 404", async () => {
    await fakeWith();
    fake.failNext({ status: 400, body: JSON.stringify({ error: "INVALID_PARAMETER", message: "bad sort" }) });
    expect((await run(asKey())).error).toBe(
      "bad_request: CRM.COM refused the request for page 1 (HTTP 400): GET /backoffice/v1/contacts?page=1&size=10&sort=UPDATED_DATE&order=ASC " +
        "(CRM.COM says: INVALID_PARAMETER: bad sort)",
    );
    const result = await run(asKey(), { apiUrl: `${fake.url}/nowhere` });
    expect(result.error).toMatch(
      /^bad_response: CRM\.COM answered HTTP 404 for page 1, .*\(is CRMCOM_API_URL the API origin\?\)/,
    );
  });

  it("stops when CRM.COM does not page (the same contacts again)", async () => {
    await fakeWith({ ignorePage: true });
    const result = await run(asKey());
    expect(result.error).toBe(
      "bad_response: CRM.COM sent the same contacts for pages 1 and 2: it does not page (check CRMCOM_API_URL)",
    );
    expect(result.counts).toMatchObject({ pages: 1, created: 10 });
  });

  it("never shows a secret CRM.COM echoes back", async () => {
    await fakeWith();
    fake.failNext({
      status: 401,
      body: JSON.stringify({ error: "UNAUTHORIZED", message: `key ${secretKey} is not valid` }),
    });
    const result = await run(asKey());
    await expectFailure(result, /\(CRM\.COM says: UNAUTHORIZED: key \[redacted\] is not valid\)$/, [secretKey]);
  });
});
