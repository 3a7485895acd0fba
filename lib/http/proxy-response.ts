import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { rawQueryOf } from "@/lib/http/raw-query";

/** Request header carrying the query exactly as received, from the proxy to the page. */
export const rawQueryHeader = "x-crm-bridge-raw-query";

/**
 * Lets the request through to its page with these response headers. The
 * Content-Security-Policy is also put on the request, where Next.js reads the nonce to
 * put on its own scripts; the raw query goes along for pages that verify it again
 * (a page only sees decoded search parameters). Both always overwrite what the client sent.
 */
export function continueWithHeaders(request: NextRequest, headers: Record<string, string>): NextResponse {
  const requestHeaders = new Headers(request.headers);
  const csp = headers["Content-Security-Policy"];
  if (csp) requestHeaders.set("Content-Security-Policy", csp);
  requestHeaders.set(rawQueryHeader, rawQueryOf(request.url));
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}
