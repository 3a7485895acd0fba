// What proxy.ts does for /retailcrm/account. One path serves two things: retailCRM POSTs
// the clientId form to it (a route handler must read the form and set the cookie), and
// the user GETs the account page (a React server component). A folder cannot hold both a
// route.ts and a page.tsx, so POST is rewritten to the session route. GET gets its
// Content-Security-Policy here, since a page cannot set headers: a nonce for Next's
// scripts, and frame-ancestors limited to the session's retailCRM account.
import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { htmlErrorPage } from "@/lib/http/html";
import { queryTooLong } from "@/lib/http/query";
import { continueWithHeaders } from "@/lib/http/proxy-response";
import { accountErrorHeaders, accountErrorHeading, accountPageHeaders, anyFramer } from "./headers";
import { accountCookieName, findAccountSession } from "./session";

export const sessionRoutePath = "/retailcrm/account/session";

export async function accountProxy(request: NextRequest): Promise<Response> {
  if (request.method === "POST") return NextResponse.rewrite(new URL(sessionRoutePath, request.url));
  const tooLong = queryTooLong(request.nextUrl.search);
  if (tooLong) return htmlErrorPage(tooLong, accountErrorHeaders(), { heading: accountErrorHeading });
  const config = env();
  const connection = config.retailcrm.enabled
    ? await findAccountSession(request.cookies.get(accountCookieName(config.appBaseUrl))?.value)
    : null;
  // The stored system URL is a checked origin (scheme://host[:port]): a valid CSP source.
  return continueWithHeaders(request, accountPageHeaders(connection ? connection.systemUrl : anyFramer));
}
