// POST /retailcrm/account with form field clientId: how retailCRM opens the module's
// account page (after "Connect", and from the module's card). Starts a session for that
// connection and redirects (303) to GET /retailcrm/account.
import "server-only";
import { env } from "@/lib/env";
import { AppError, integrationDisabled } from "@/lib/http/errors";
import { htmlErrorPage } from "@/lib/http/html";
import { duplicateParameter } from "@/lib/http/query";
import { readRequestFields } from "@/lib/http/request-body";
import { findRetailCrmConnectionByClientId } from "@/lib/db/retailcrm-connections";
import { accountPath } from "../module-payload";
import { accountErrorHeaders, accountErrorHeading } from "./headers";
import { accountSessionCookie, startAccountSession } from "./session";

export function accountErrorPage(error: unknown): Response {
  return htmlErrorPage(error, accountErrorHeaders(), { heading: accountErrorHeading, where: "retailcrm account" });
}

function clientIdOf(fields: Awaited<ReturnType<typeof readRequestFields>>): string {
  const raw =
    fields.kind === "form"
      ? fields.fields.get("clientId")
      : typeof fields.value === "object" && fields.value !== null && "clientId" in fields.value
        ? [fields.value.clientId]
        : undefined;
  if (raw === undefined || raw.length === 0 || typeof raw[0] !== "string" || raw[0].trim() === "") {
    throw new AppError("missing_parameter", 400, "clientId is missing: open the module from your retailCRM account.");
  }
  if (raw.length > 1) throw duplicateParameter("clientId", raw.length);
  if (raw[0].length > 200) throw new AppError("bad_request", 400, "clientId is not valid.");
  return raw[0].trim();
}

export async function handleStartSession(request: Request): Promise<Response> {
  const config = env();
  if (!config.retailcrm.enabled) return accountErrorPage(integrationDisabled("retailCRM", config.retailcrm.missing));
  try {
    const clientId = clientIdOf(await readRequestFields(request));
    const connection = await findRetailCrmConnectionByClientId(clientId);
    if (!connection) {
      throw new AppError(
        "not_found",
        404,
        "No CRM Bridge connection has this clientId. Open the module again from your retailCRM account, or connect it from the Marketplace.",
      );
    }
    const token = await startAccountSession(connection.id);
    return new Response(null, {
      status: 303,
      headers: {
        Location: accountPath,
        "Set-Cookie": accountSessionCookie(token, config.appBaseUrl),
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    return accountErrorPage(error);
  }
}
