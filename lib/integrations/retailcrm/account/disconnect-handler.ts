// POST /retailcrm/account/disconnect (the account page's Disconnect button): marks the
// module inactive in the retailCRM account with the same edit method the connection
// used (active:false, same client id), then locally. When the account cannot be told,
// the connection stays as it was and the page says why, so both sides agree.
import "server-only";
import { env } from "@/lib/env";
import { AppError, integrationDisabled } from "@/lib/http/errors";
import { readRequestFields } from "@/lib/http/request-body";
import { findRetailCrmCredentials, markRetailCrmConnectionInactive } from "@/lib/db/retailcrm-connections";
import { openApiKey } from "../api-key-box";
import { editIntegrationModule } from "../edit-module-client";
import { accountPath, buildIntegrationModule } from "../module-payload";
import { accountErrorPage } from "./start-session-handler";
import { accountCookieName, findAccountSession, isValidFormToken, readCookie } from "./session";
import type { DisconnectOutcome } from "./notices";

function backToPage(outcome?: DisconnectOutcome): Response {
  const location = outcome === undefined ? accountPath : `${accountPath}?disconnect=${outcome}`;
  return new Response(null, { status: 303, headers: { Location: location, "Cache-Control": "no-store" } });
}

export async function handleDisconnect(request: Request, options: { timeoutMs?: number } = {}): Promise<Response> {
  const config = env();
  if (!config.retailcrm.enabled) return accountErrorPage(integrationDisabled("retailCRM", config.retailcrm.missing));
  try {
    const token = readCookie(request.headers.get("cookie"), accountCookieName(config.appBaseUrl));
    const connection = await findAccountSession(token);
    // No session: the page explains how to open it again.
    if (!connection || token === undefined) return backToPage();
    const body = await readRequestFields(request);
    const formToken = body.kind === "form" ? body.fields.get("formToken") : undefined;
    if (formToken?.length !== 1 || !isValidFormToken(token, formToken[0]!)) {
      throw new AppError("unauthorized", 403, "This form has expired. Reload the account page and try again.");
    }
    if (!connection.active) return backToPage("done");

    const credentials = await findRetailCrmCredentials(connection.id);
    if (!credentials) return backToPage();
    let apiKey: string;
    try {
      apiKey = openApiKey(credentials.apiKeyEncrypted, credentials.systemUrl, config.encryptionSecrets);
    } catch {
      // The server's encryption secret changed: the account cannot be told, but it can no longer be used either.
      await markRetailCrmConnectionInactive(connection.id);
      return backToPage("key_unreadable");
    }
    const module = buildIntegrationModule(config.retailcrm.config, config.appBaseUrl, credentials.clientId, false);
    const edit = await editIntegrationModule({
      systemUrl: credentials.systemUrl,
      apiKey,
      module,
      timeoutMs: options.timeoutMs,
    });
    // A rejected key means the account already revoked it (module removed there): nothing more to tell it.
    if (edit.ok || edit.reason === "rejected_key") {
      await markRetailCrmConnectionInactive(connection.id);
      return backToPage("done");
    }
    return backToPage(edit.reason);
  } catch (error) {
    return accountErrorPage(error);
  }
}
