// POST /api/retailcrm/register: the body of the route handler. Every refusal is HTTP 200
// {"success":false,"errorMsg"} (retailCRM shows errorMsg in the module card), except a
// body over 1 MiB, which is refused with 413 — still with errorMsg — because no
// retailCRM request is ever that large and the contract refuses oversized bodies with a 4xx.
import "server-only";
import { env } from "@/lib/env";
import { AppError } from "@/lib/http/errors";
import { readRequestFields } from "@/lib/http/request-body";
import { parseRegisterRequest } from "./register-request";
import { connectAccount } from "./connect";
import { systemUrlPolicy } from "./system-url";
import { retailCrmDisabledMessage, retailCrmFailure, retailCrmRefusal, retailCrmSuccess } from "./responses";
import { logger } from "@/lib/log";

export const internalErrorMessage =
  "CRM Bridge could not complete the connection because of a problem on its side. Please try again in a few minutes.";

export async function handleRegister(request: Request, options: { timeoutMs?: number } = {}): Promise<Response> {
  const config = env();
  if (!config.retailcrm.enabled) return retailCrmFailure(retailCrmDisabledMessage(config.retailcrm.missing));
  let apiKey: string | undefined;
  try {
    const parsed = parseRegisterRequest(await readRequestFields(request));
    if (!parsed.ok) return retailCrmFailure(parsed.message);
    apiKey = parsed.value.apiKey;
    const result = await connectAccount(parsed.value, {
      config: config.retailcrm.config,
      appBaseUrl: config.appBaseUrl,
      policy: systemUrlPolicy(config),
      encryptionSecrets: config.encryptionSecrets,
      timeoutMs: options.timeoutMs,
    });
    return result.ok ? retailCrmSuccess({ accountUrl: result.accountUrl }) : retailCrmFailure(result.message);
  } catch (error) {
    if (error instanceof AppError && error.status < 500) return retailCrmRefusal(error);
    // Logged without a stack and with the API key cut out, should any message ever carry it.
    const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const reason = apiKey ? text.split(apiKey).join("[API key]") : text;
    logger().error({ event: "retailcrm.register_failed", reason }, `retailCRM register failed: ${reason}`);
    return retailCrmFailure(internalErrorMessage);
  }
}
