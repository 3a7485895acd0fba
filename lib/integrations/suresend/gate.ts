// The Sure Send widget's front door, run by proxy.ts before the page: it answers every
// refusal itself with the contract's status, records why for the admin Connections
// page, and sets the security headers of every response of the route.
import "server-only";
import type { NextRequest } from "next/server";
import { env } from "@/lib/env";
import { integrationDisabled, toAppError } from "@/lib/http/errors";
import { errorPageStyleSource, htmlErrorPage } from "@/lib/http/html";
import { checkQuerySize } from "@/lib/http/query";
import { continueWithHeaders } from "@/lib/http/proxy-response";
import { createNonce, embeddedViewHeaders } from "@/lib/http/security-headers";
import { recordKeyUse, recordVerificationFailure } from "@/lib/db/verification-log";
import { signedContextText, verifySureSendRequest } from "./verify";

export async function gateSureSendRequest(request: NextRequest): Promise<Response> {
  const config = env();
  const frameAncestors = config.frameAncestors.suresend;
  try {
    checkQuerySize(request.nextUrl.search);
    if (!config.suresend.enabled) throw integrationDisabled("Sure Send", config.suresend.missing);
    const { keySlot } = verifySureSendRequest(request.nextUrl.searchParams, config.suresend.config);
    // Queued, not awaited: a busy or stopped database must not hold up a verified view.
    recordKeyUse("suresend", keySlot);
  } catch (error) {
    const refusal = toAppError(error);
    if (refusal.status < 500) {
      const signed = signedContextText(request.nextUrl.searchParams.get("context") ?? "");
      recordVerificationFailure("suresend", refusal.code, signed);
    }
    return htmlErrorPage(refusal, embeddedViewHeaders({ frameAncestors, styleSources: [errorPageStyleSource] }));
  }
  return continueWithHeaders(request, embeddedViewHeaders({ frameAncestors, nonce: createNonce() }));
}
