// The admin pages' front door, run by proxy.ts: every response under /admin forbids
// framing and carries a CSP whose script nonce Next.js puts on its own scripts. As a
// convenience, a page visit without any session cookie goes straight to the sign-in
// page; whether a cookie is a valid session is decided by each page, server action and
// route handler itself (lib/auth/current-staff.ts), never here alone.
// A page visit also asks the database first: while it is unavailable, staff get a small
// 503 page saying so (contract section 8) instead of a page that fails half-way.
import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { checkDatabase } from "@/lib/db/health";
import { errorPageStyleSource, htmlErrorPage } from "@/lib/http/html";
import { continueWithHeaders } from "@/lib/http/proxy-response";
import { createNonce, unframeableHeaders } from "@/lib/http/security-headers";
import { sessionCookieName } from "./session-cookie";

export function isSignInPath(pathname: string): boolean {
  return pathname === "/admin/login" || pathname.startsWith("/admin/login/");
}

export async function gateAdminRequest(request: NextRequest): Promise<Response> {
  const { pathname, search } = request.nextUrl;
  const pageVisit = (request.method === "GET" || request.method === "HEAD") && !request.headers.has("next-action");
  // Next keeps these headers over a route handler's own, so a handler cannot widen the
  // policy itself: requests to handlers may answer with the small HTML error page (a
  // refused sign-in without scripts), and their policy allows its one inline style.
  const headers = unframeableHeaders(createNonce(), pageVisit ? undefined : [errorPageStyleSource]);
  if (pageVisit && !isSignInPath(pathname) && !request.cookies.has(sessionCookieName(env().appBaseUrl))) {
    const login = request.nextUrl.clone();
    login.pathname = "/admin/login";
    login.search = `?next=${encodeURIComponent(`${pathname}${search}`)}`;
    const response = NextResponse.redirect(login, 307);
    for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
    return response;
  }
  if (pageVisit) {
    try {
      await checkDatabase();
    } catch (error) {
      return htmlErrorPage(error, unframeableHeaders(undefined, [errorPageStyleSource]), {
        heading: "CRM Bridge is unavailable right now",
        where: "admin",
      });
    }
  }
  return continueWithHeaders(request, headers);
}
