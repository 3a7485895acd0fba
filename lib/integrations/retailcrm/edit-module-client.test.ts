import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeRetailCrm, type FakeRetailCrm } from "@/tests/fakes/retailcrm-server";
import { buildIntegrationModule } from "./module-payload";
import { editIntegrationModule } from "./edit-module-client";

const apiKey = "fake-api-key-0123456789";
const module = buildIntegrationModule(
  { moduleCode: "crm-bridge-test", moduleName: "CRM Bridge", logoUrl: "https://crm.example.com/logo.svg" },
  "https://crm.example.com",
  "client-id-1",
  true,
);

let fake: FakeRetailCrm;
beforeAll(async () => {
  fake = await startFakeRetailCrm({ apiKeys: [apiKey] });
});
afterAll(() => fake.close());
beforeEach(() => fake.behave({ kind: "success" }));

describe("editIntegrationModule", () => {
  it("posts the module as the form field integrationModule with the key in X-API-KEY", async () => {
    expect(await editIntegrationModule({ systemUrl: fake.url, apiKey, module })).toEqual({ ok: true });
    expect(fake.calls.at(-1)).toMatchObject({ code: "crm-bridge-test", apiKey, module });
    expect(fake.modules.get("crm-bridge-test")).toEqual(module);
    // the second edit updates (HTTP 200 instead of 201): still a success
    expect(await editIntegrationModule({ systemUrl: fake.url, apiKey, module: { ...module, active: false } })).toEqual({
      ok: true,
    });
    expect(fake.modules.get("crm-bridge-test")?.active).toBe(false);
  });

  it("reports a rejected API key", async () => {
    const result = await editIntegrationModule({ systemUrl: fake.url, apiKey: "wrong-key", module });
    expect(result).toEqual({
      ok: false,
      reason: "rejected_key",
      message:
        'The system rejected the API key (Wrong "apiKey" value.). Check that the key is active and allows the requested access.',
    });
  });

  it("passes the system's own error message through", async () => {
    fake.behave({
      kind: "error",
      errorMsg: "Errors in the entity format",
      errors: { baseUrl: "Domain is not allowed." },
    });
    expect(await editIntegrationModule({ systemUrl: fake.url, apiKey, module })).toEqual({
      ok: false,
      reason: "system_error",
      message: "The system answered: Errors in the entity format: baseUrl: Domain is not allowed.",
    });
  });

  it("never repeats the API key, even when the system echoes it", async () => {
    fake.behave({ kind: "error", errorMsg: `Key ${apiKey} is blocked\n<b>now</b>` });
    const result = await editIntegrationModule({ systemUrl: fake.url, apiKey, module });
    expect(result).toEqual({
      ok: false,
      reason: "system_error",
      message: "The system answered: Key [API key] is blocked <b>now</b>",
    });
  });

  it("reports bare HTTP errors by status", async () => {
    fake.behave({ kind: "status", status: 401 });
    expect(await editIntegrationModule({ systemUrl: fake.url, apiKey, module })).toMatchObject({
      ok: false,
      reason: "rejected_key",
    });
    fake.behave({ kind: "status", status: 500 });
    expect(await editIntegrationModule({ systemUrl: fake.url, apiKey, module })).toEqual({
      ok: false,
      reason: "system_error",
      message: `${fake.url} answered with an error (HTTP 500). Please try again later.`,
    });
  });

  it("refuses an answer that is not retailCRM's, and does not follow redirects", async () => {
    fake.behave({ kind: "status", status: 200, body: "<html>a shop</html>" });
    expect(await editIntegrationModule({ systemUrl: fake.url, apiKey, module })).toMatchObject({
      ok: false,
      reason: "bad_response",
    });
    fake.behave({ kind: "status", status: 200, body: '{"success":false}', contentType: "application/json" });
    expect(await editIntegrationModule({ systemUrl: fake.url, apiKey, module })).toMatchObject({
      ok: false,
      reason: "bad_response",
    });
    fake.behave({ kind: "status", status: 302, body: "" });
    expect(await editIntegrationModule({ systemUrl: fake.url, apiKey, module })).toEqual({
      ok: false,
      reason: "bad_response",
      message: `${fake.url} redirected the request elsewhere; check that the account address is right.`,
    });
  });

  it("gives up on a system that does not answer in time", async () => {
    fake.behave({ kind: "hang" });
    expect(await editIntegrationModule({ systemUrl: fake.url, apiKey, module, timeoutMs: 300 })).toEqual({
      ok: false,
      reason: "timeout",
      message: `${fake.url} did not answer within 0.3 seconds. Please try again.`,
    });
  });

  it("says when the system cannot be reached", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    expect(await editIntegrationModule({ systemUrl: `http://127.0.0.1:${port}`, apiKey, module })).toEqual({
      ok: false,
      reason: "unreachable",
      message: `Could not reach http://127.0.0.1:${port}: the connection was refused. Check the account address and try again.`,
    });
  });
});
