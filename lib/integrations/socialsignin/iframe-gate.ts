// The SocialSignIn iframe's front door, run by proxy.ts before the page: refusals are
// recorded and answered here with the contract's status (request.ts), and every response
// of the route gets its security headers. It also asks the database whether the contact
// exists before the page renders: a page cannot choose its status, and both an unknown id
// (404 `not_found`) and an outage (503 `unavailable`) must answer a small page that needs
// no JavaScript. (A contact deleted, or a database lost, between this question and the
// page's read still shows that notice, with status 200.) `client` is the database read
// and logged to.
import "server-only";
import type { NextRequest } from "next/server";
import type { Db } from "@/lib/db/client";
import { db } from "@/lib/db/client";
import { findContactIdById } from "@/lib/db/contacts";
import { sqlOf } from "@/lib/db/driver";
import { env } from "@/lib/env";
import { contactNotFound } from "@/lib/http/errors";
import { errorPageStyleSource } from "@/lib/http/html";
import { answerRefusal, embeddedRefusalForm } from "@/lib/http/host-gate";
import { continueWithHeaders } from "@/lib/http/proxy-response";
import { createNonce, embeddedViewHeaders } from "@/lib/http/security-headers";
import { gateSocialSignInRequest } from "./request";

export async function gateSocialSignInIframe(request: NextRequest, client: Db = db()): Promise<Response> {
  const frameAncestors = env().frameAncestors.socialsignin;
  const form = embeddedRefusalForm(frameAncestors, "socialsignin iframe");
  const gated = gateSocialSignInRequest(request, "id", form, client);
  if (!gated.ok) return gated.response;
  try {
    if ((await findContactIdById(gated.accepted.value, sqlOf(client))) === null) throw contactNotFound();
  } catch (error) {
    return answerRefusal(error, form);
  }
  // The page may still refuse with the error card (components/contact/view-error.tsx) and its inline style.
  const pageHeaders = embeddedViewHeaders({
    frameAncestors,
    nonce: createNonce(),
    styleSources: [errorPageStyleSource],
  });
  return continueWithHeaders(request, pageHeaders);
}
