// The SocialSignIn iframe's front door, run by proxy.ts before the page: refusals are
// answered here with the contract's status (and recorded by verifySocialSignInRequest),
// and every response of the route gets its security headers.
import type { NextRequest } from "next/server";
import { env } from "@/lib/env";
import { toAppError } from "@/lib/http/errors";
import { errorPageStyleSource, htmlErrorPage } from "@/lib/http/html";
import { continueWithHeaders } from "@/lib/http/proxy-response";
import { rawQueryOf } from "@/lib/http/raw-query";
import { createNonce, embeddedViewHeaders } from "@/lib/http/security-headers";
import { verifySocialSignInRequest } from "./request";

export async function gateSocialSignInIframe(request: NextRequest): Promise<Response> {
  const frameAncestors = env().frameAncestors.socialsignin;
  try {
    await verifySocialSignInRequest(rawQueryOf(request.url), "id");
  } catch (error) {
    return htmlErrorPage(toAppError(error), embeddedViewHeaders({ frameAncestors, styleSources: [errorPageStyleSource] }));
  }
  return continueWithHeaders(request, embeddedViewHeaders({ frameAncestors, nonce: createNonce() }));
}
