import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { handleDisconnect } from "@/lib/integrations/retailcrm/account/disconnect-handler";
import { formTokenFor, readCookie } from "@/lib/integrations/retailcrm/account/session";
import { startFakeRetailCrm, type FakeRetailCrm } from "@/tests/fakes/retailcrm-server";
import { connectFakeAccount, formRequest } from "@/tests/support/retailcrm";
import { testSecrets } from "@/tests/support/test-config";
import { POST as startSession } from "../session/route";
import { POST } from "./route";

const apiKey = "DisconnectKey0123456789";
const code = testSecrets.RETAILCRM_MODULE_CODE;
const url = "http://localhost:3000/retailcrm/account/disconnect";
const fakes: FakeRetailCrm[] = [];
afterEach(() => Promise.all(fakes.splice(0).map((f) => f.close())));

/** A connected fake account and a session on its account page. */
async function signedIn() {
  const fake = await startFakeRetailCrm({ apiKeys: [apiKey] });
  fakes.push(fake);
  const clientId = await connectFakeAccount(fake, apiKey);
  const response = await startSession(formRequest("http://localhost:3000/retailcrm/account", { clientId }));
  const cookie = response.headers.get("set-cookie")!.split(";")[0]!;
  const token = readCookie(cookie, "retailcrm_session")!;
  const disconnect = (fields: Record<string, string> = { formToken: formTokenFor(token) }, headers = { cookie }) =>
    formRequest(url, fields, headers);
  return { fake, clientId, disconnect };
}

const stateOf = (fake: FakeRetailCrm) =>
  db().retailCrmConnection.findUniqueOrThrow({
    where: { systemUrl: fake.url },
    select: { active: true, clientId: true },
  });

describe("POST /retailcrm/account/disconnect", () => {
  it("switches the module off in the account with the same edit method, then here", async () => {
    const { fake, clientId, disconnect } = await signedIn();
    const response = await POST(disconnect());
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/retailcrm/account?disconnect=done");

    const last = fake.calls.at(-1)!;
    expect(last.apiKey).toBe(apiKey);
    expect(last.module).toMatchObject({ code, active: false, clientId });
    expect(fake.modules.get(code)?.active).toBe(false);
    expect(await stateOf(fake)).toEqual({ active: false, clientId });

    // again: already disconnected, the account is not called twice
    expect((await POST(disconnect())).headers.get("location")).toBe("/retailcrm/account?disconnect=done");
    expect(fake.calls).toHaveLength(2);
  });

  it("changes nothing when the account cannot be told, and says why", async () => {
    const { fake, disconnect } = await signedIn();
    fake.behave({ kind: "hang" });
    const timedOut = await handleDisconnect(disconnect(), { timeoutMs: 300 });
    expect(timedOut.headers.get("location")).toBe("/retailcrm/account?disconnect=timeout");
    fake.behave({ kind: "status", status: 500 });
    expect((await POST(disconnect())).headers.get("location")).toBe("/retailcrm/account?disconnect=system_error");
    expect((await stateOf(fake)).active).toBe(true);
  });

  it("disconnects here when the account has already revoked the key", async () => {
    const { fake, disconnect } = await signedIn();
    fake.behave({ kind: "status", status: 401 });
    expect((await POST(disconnect())).headers.get("location")).toBe("/retailcrm/account?disconnect=done");
    expect((await stateOf(fake)).active).toBe(false);
  });

  it("refuses a request without the page's form token (cross-site forms)", async () => {
    const { fake, disconnect } = await signedIn();
    for (const fields of [{}, { formToken: "0".repeat(64) }] as Record<string, string>[]) {
      const response = await POST(disconnect(fields));
      expect(response.status).toBe(403);
      expect(await response.text()).toContain('data-error-code="unauthorized"');
    }
    expect(fake.calls).toHaveLength(1); // the connection's own edit call only
    expect((await stateOf(fake)).active).toBe(true);
  });

  it("sends a request without a session back to the page, which explains how to open it", async () => {
    const { fake, disconnect } = await signedIn();
    const response = await POST(disconnect(undefined, { cookie: "retailcrm_session=unknown" }));
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/retailcrm/account");
    expect((await stateOf(fake)).active).toBe(true);
  });
});
