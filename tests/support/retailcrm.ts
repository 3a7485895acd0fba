// Builds retailCRM's requests to CRM Bridge as the account would send them, signed with
// the test module secret (tests/support/test-config.ts).
import { registerTokenFor } from "@/lib/integrations/retailcrm/register-token";
import { testSecrets } from "./test-config";

export type RegisterShape = "register-json" | "bracket-fields" | "json-body";
export type RegisterFields = { systemUrl?: string; apiKey?: string; token?: string };

export const registerShapes: RegisterShape[] = ["register-json", "bracket-fields", "json-body"];

/** The token retailCRM sends with an API key (hash_hmac('sha256', apiKey, secret)). */
export function tokenFor(apiKey: string): string {
  return registerTokenFor(apiKey, testSecrets.RETAILCRM_SECRET);
}

/** The register body in one of the three accepted shapes, as fetch body and content type. */
export function registerBody(shape: RegisterShape, fields: RegisterFields): { body: string; contentType: string } {
  if (shape === "json-body") return { body: JSON.stringify({ register: fields }), contentType: "application/json" };
  const form = new URLSearchParams();
  if (shape === "register-json") form.set("register", JSON.stringify(fields));
  else
    for (const [name, value] of Object.entries(fields)) if (value !== undefined) form.set(`register[${name}]`, value);
  return { body: form.toString(), contentType: "application/x-www-form-urlencoded" };
}

export function registerRequest(shape: RegisterShape, fields: RegisterFields, base = "http://localhost:3000"): Request {
  const { body, contentType } = registerBody(shape, fields);
  return new Request(`${base}/api/retailcrm/register`, {
    method: "POST",
    body,
    headers: { "content-type": contentType },
  });
}

/** A correctly signed register request for an account. */
export function signedRegister(systemUrl: string, apiKey: string, shape: RegisterShape = "register-json"): Request {
  return registerRequest(shape, { systemUrl, apiKey, token: tokenFor(apiKey) });
}

export function formRequest(
  url: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
): Request {
  return new Request(url, {
    method: "POST",
    body: new URLSearchParams(fields).toString(),
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
  });
}

/** Connects a fake account through the register handler; returns the client id the account now holds. */
export async function connectFakeAccount(
  fake: { url: string; modules: Map<string, { clientId: string }> },
  apiKey: string,
) {
  const { handleRegister } = await import("@/lib/integrations/retailcrm/register-handler");
  const answer = (await (await handleRegister(signedRegister(fake.url, apiKey))).json()) as { success: boolean };
  const clientId = fake.modules.get(testSecrets.RETAILCRM_MODULE_CODE)?.clientId;
  if (!answer.success || clientId === undefined) throw new Error("the fake account did not connect");
  return clientId;
}
