// A register request, from verified input to a stored connection: check the token,
// check the system URL, tell the account about the module (edit method), and store the
// connection only when the account said yes. Requests for one account run in turn.
import "server-only";
import { recordVerdict } from "@/lib/http/host-gate";
import { saveRetailCrmConnection } from "@/lib/db/retailcrm-connections";
import type { RegisterRequest } from "./register-request";
import type { RetailCrmConfig } from "./responses";
import type { SystemUrlPolicy } from "./system-url";
import { validateSystemUrl } from "./system-url";
import { verifyRegisterToken } from "./register-token";
import { accountUrlFor, buildIntegrationModule, newClientId } from "./module-payload";
import { editIntegrationModule } from "./edit-module-client";
import { sealApiKey } from "./api-key-box";
import { runInTurn } from "./per-key-queue";

export type ConnectContext = {
  config: RetailCrmConfig;
  appBaseUrl: string;
  policy: SystemUrlPolicy;
  encryptionSecrets: string[];
  /** how long the account may take to answer (10 s unless a test says otherwise) */
  timeoutMs?: number;
};

export type ConnectResult = { ok: true; accountUrl: string; connectionId: string } | { ok: false; message: string };

export async function connectAccount(request: RegisterRequest, context: ConnectContext): Promise<ConnectResult> {
  const { config, appBaseUrl } = context;
  const verdict = verifyRegisterToken(request, config.secret);
  recordVerdict("retailcrm", verdict);
  if (!verdict.ok) return { ok: false, message: verdict.message };
  const systemUrl = validateSystemUrl(request.systemUrl, context.policy);
  if (!systemUrl.ok) return { ok: false, message: systemUrl.message };
  const origin = systemUrl.origin;

  return runInTurn(`retailcrm:${origin}`, async () => {
    const clientId = newClientId();
    const module = buildIntegrationModule(config, appBaseUrl, clientId, true);
    const edit = await editIntegrationModule({
      systemUrl: origin,
      apiKey: request.apiKey,
      module,
      timeoutMs: context.timeoutMs,
    });
    if (!edit.ok) return { ok: false, message: edit.message };
    const apiKeyEncrypted = sealApiKey(request.apiKey, origin, context.encryptionSecrets);
    const connection = await saveRetailCrmConnection({ systemUrl: origin, apiKeyEncrypted, clientId });
    return { ok: true, accountUrl: accountUrlFor(appBaseUrl), connectionId: connection.id };
  });
}
