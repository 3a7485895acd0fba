import { NextResponse, type NextRequest } from "next/server";

/**
 * Lets the request through to its page with these response headers. The
 * Content-Security-Policy is also put on the request, where Next.js reads the nonce to
 * put on its own scripts.
 */
export function continueWithHeaders(request: NextRequest, headers: Record<string, string>): NextResponse {
  const requestHeaders = new Headers(request.headers);
  const csp = headers["Content-Security-Policy"];
  if (csp) requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}
