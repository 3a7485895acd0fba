// retailCRM's answer format: HTTP 200 with {"success":true,…} or
// {"success":false,"errorMsg":"…"}, where errorMsg is shown to the retailCRM user.
import type { Env } from "@/lib/env";
import type { AppError } from "@/lib/http/errors";

export type RetailCrmConfig = Extract<Env["retailcrm"], { enabled: true }>["config"];

const headers = { "Cache-Control": "no-store" };

export function retailCrmSuccess(body: Record<string, unknown> = {}): Response {
  return Response.json({ success: true, ...body }, { status: 200, headers });
}

/** A refusal in retailCRM's format; `status` stays 200 except for transport-level refusals (413). */
export function retailCrmFailure(errorMsg: string, status = 200): Response {
  return Response.json({ success: false, errorMsg }, { status, headers });
}

/**
 * A refusal of the request itself (lib/http/request-body.ts, lib/http/query.ts) in retailCRM's
 * format: a body over the limit keeps its 413, since the contract refuses it with a 4xx.
 */
export function retailCrmRefusal(error: AppError): Response {
  return retailCrmFailure(error.message, error.code === "payload_too_large" ? 413 : 200);
}

export function retailCrmDisabledMessage(missing: string[]): string {
  return `The retailCRM module of CRM Bridge is not configured: set ${missing.join(", ")} on the CRM Bridge server.`;
}
