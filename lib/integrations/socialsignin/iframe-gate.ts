// The SocialSignIn iframe's front door, run by proxy.ts before the page: refusals are
// answered here with the contract's status (and recorded by verifySocialSignInRequest),
// and every response of the route gets its security headers. It also asks the database
// whether the contact exists before the page renders: a page cannot choose its status,
// and both an unknown id (404 `not_found`) and an outage (503 `unavailable`) must answer
// a small page that needs no JavaScript. (A contact deleted, or a database lost, between
// this question and the page's read still shows that notice, with status 200.)
import "server-only";
import type { NextRequest } from "next/server";
import { env } from "@/lib/env";
import { contactNotFound, toAppError } from "@/lib/http/errors";
import { errorPageStyleSource, htmlErrorPage } from "@/lib/http/html";
import { continueWithHeaders } from "@/lib/http/proxy-response";
import { rawQueryOf } from "@/lib/http/raw-query";
import { createNonce, embeddedViewHeaders } from "@/lib/http/security-headers";
import { findContactIdById } from "@/lib/db/contacts";
import { verifySocialSignInRequest } from "./request";

export async function gateSocialSignInIframe(request: NextRequest): Promise<Response> {
  const frameAncestors = env().frameAncestors.socialsignin;
  try {
    const verified = await verifySocialSignInRequest(rawQueryOf(request.url), "id");
    if ((await findContactIdById(verified.value)) === null) throw contactNotFound();
  } catch (error) {
    return htmlErrorPage(
      toAppError(error, "socialsignin iframe"),
      embeddedViewHeaders({ frameAncestors, styleSources: [errorPageStyleSource] }),
    );
  }
  return continueWithHeaders(request, embeddedViewHeaders({ frameAncestors, nonce: createNonce() }));
}
