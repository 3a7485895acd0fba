// What proxy.ts does for /retailcrm/account. One path serves two things: retailCRM POSTs
// the clientId form to it (a route handler must read the form and set the cookie), and
// the user GETs the account page (a React server component). A folder cannot hold both a
// route.ts and a page.tsx, so POST is rewritten to the session route. GET gets its
// Content-Security-Policy here, since a page cannot set headers: a nonce for Next's
// scripts, and frame-ancestors limited to the session's retailCRM account.
import { randomBytes } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { accountPageCsp, anyFramer } from "./headers";
import { accountCookieName, findAccountSession } from "./session";

export const sessionRoutePath = "/retailcrm/account/session";

export async function accountProxy(request: NextRequest): Promise<NextResponse> {
  if (request.method === "POST") return NextResponse.rewrite(new URL(sessionRoutePath, request.url));
  const config = env();
  const connection = config.retailcrm.enabled
    ? await findAccountSession(request.cookies.get(accountCookieName(config.appBaseUrl))?.value)
    : null;
  const csp = accountPageCsp({
    nonce: randomBytes(16).toString("base64"),
    // the stored system URL is a checked origin (scheme://host[:port]): a valid CSP source
    frameAncestors: connection ? connection.systemUrl : anyFramer,
  });
  const requestHeaders = new Headers(request.headers);
  // Next.js reads the nonce from the request's CSP header and puts it on its own scripts.
  requestHeaders.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  response.headers.set("Cache-Control", "no-store");
  return response;
}
