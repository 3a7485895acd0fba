// The admin pages' front door, run by proxy.ts: every response under /admin forbids
// framing and carries a CSP whose script nonce Next.js puts on its own scripts. As a
// convenience, a page visit without any session cookie goes straight to the sign-in
// page; whether a cookie is a valid session is decided by each page, server action and
// route handler itself (lib/auth/current-staff.ts), never here alone.
import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { continueWithHeaders } from "@/lib/http/proxy-response";
import { createNonce, unframeableHeaders } from "@/lib/http/security-headers";
import { sessionCookieName } from "./session-cookie";

export function isSignInPath(pathname: string): boolean {
  return pathname === "/admin/login" || pathname.startsWith("/admin/login/");
}

export function gateAdminRequest(request: NextRequest): Response {
  const headers = unframeableHeaders(createNonce());
  const { pathname, search } = request.nextUrl;
  const pageVisit = (request.method === "GET" || request.method === "HEAD") && !request.headers.has("next-action");
  if (pageVisit && !isSignInPath(pathname) && !request.cookies.has(sessionCookieName(env().appBaseUrl))) {
    const login = request.nextUrl.clone();
    login.pathname = "/admin/login";
    login.search = `?next=${encodeURIComponent(`${pathname}${search}`)}`;
    const response = NextResponse.redirect(login, 307);
    for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
    return response;
  }
  return continueWithHeaders(request, headers);
}
