// The one call CRM Bridge makes to a retailCRM account:
//   POST {systemUrl}/api/v5/integration-modules/{code}/edit
//   X-API-KEY: <the account's API key>
//   integrationModule=<JSON>                     (application/x-www-form-urlencoded)
// retailCRM answers 200/201 {"success":true,…}, or {"success":false,"errorMsg":…,"errors":…}
// with a 4xx (403 for a wrong key). Every outcome becomes a message the retailCRM user can
// act on; the API key never appears in one, even when the system echoes it back.
import "server-only";
import { readBodyBytes } from "@/lib/http/request-body";
import type { IntegrationModule } from "./module-payload";
import { systemText } from "./system-text";

export const defaultEditTimeoutMs = 10_000;
const maxAnswerBytes = 256 * 1024;

export type EditFailureReason = "unreachable" | "timeout" | "rejected_key" | "system_error" | "bad_response";
export type EditResult = { ok: true } | { ok: false; reason: EditFailureReason; message: string };

export type EditRequest = {
  systemUrl: string;
  apiKey: string;
  module: IntegrationModule;
  timeoutMs?: number;
};

function networkCause(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = typeof cause === "object" && cause !== null && "code" in cause ? String(cause.code) : "";
  if (code === "ECONNREFUSED") return "the connection was refused";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return "the host name was not found";
  if (code === "ECONNRESET" || code === "UND_ERR_SOCKET") return "the connection was closed";
  if (code.startsWith("ERR_TLS") || code.includes("CERT") || code === "EPROTO")
    return "a secure (TLS) connection could not be made";
  if (code === "EHOSTUNREACH" || code === "ENETUNREACH") return "the network is unreachable";
  return "the connection failed";
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} seconds` : `${(ms / 1000).toFixed(1)} seconds`;
}

function isTimeout(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error.name === "TimeoutError" || (error.name === "AbortError" && /timeout/i.test(String(error.message))))
  );
}

/** Calls the edit method; never throws for anything the system or the network does. */
export async function editIntegrationModule(request: EditRequest): Promise<EditResult> {
  const { systemUrl, apiKey, module } = request;
  const timeoutMs = request.timeoutMs ?? defaultEditTimeoutMs;
  const url = `${systemUrl}/api/v5/integration-modules/${encodeURIComponent(module.code)}/edit`;
  const signal = AbortSignal.timeout(timeoutMs);
  const fail = (reason: EditFailureReason, message: string): EditResult => ({ ok: false, reason, message });
  const timedOut = () => fail("timeout", `${systemUrl} did not answer within ${seconds(timeoutMs)}. Please try again.`);

  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: {
        "X-API-KEY": apiKey,
        "Content-Type": "application/x-www-form-urlencoded",
        Accept: "application/json",
      },
      body: new URLSearchParams({ integrationModule: JSON.stringify(module) }).toString(),
      // A redirect would send the API key somewhere the user did not name.
      redirect: "manual",
      signal,
    });
  } catch (error) {
    if (isTimeout(error) || signal.aborted) return timedOut();
    return fail(
      "unreachable",
      `Could not reach ${systemUrl}: ${networkCause(error)}. Check the account address and try again.`,
    );
  }

  let answer: unknown;
  try {
    const bytes = await readBodyBytes(response, maxAnswerBytes);
    answer = JSON.parse(new TextDecoder().decode(bytes)) as unknown;
  } catch (error) {
    if (isTimeout(error) || signal.aborted) return timedOut();
    answer = undefined;
  }
  const body = typeof answer === "object" && answer !== null ? (answer as Record<string, unknown>) : undefined;
  const errorMsg = systemText(body?.errorMsg, apiKey);
  const details = systemText(body?.errors, apiKey);
  const said = [errorMsg, details].filter(Boolean).join(": ");

  if (response.status >= 200 && response.status < 300 && body?.success === true) return { ok: true };
  if (response.status >= 300 && response.status < 400) {
    return fail(
      "bad_response",
      `${systemUrl} redirected the request elsewhere; check that the account address is right.`,
    );
  }
  if (response.status === 401 || response.status === 403) {
    return fail(
      "rejected_key",
      `The system rejected the API key${said ? ` (${said})` : ""}. Check that the key is active and allows the requested access.`,
    );
  }
  if (said) return fail("system_error", `The system answered: ${said}`);
  if (response.status >= 400) {
    return fail(
      "system_error",
      `${systemUrl} answered with an error (HTTP ${response.status}). Please try again later.`,
    );
  }
  return fail("bad_response", `${systemUrl} did not answer like a retailCRM account. Check the account address.`);
}
