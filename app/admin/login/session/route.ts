// POST /admin/login/session: signs a staff member in. The sign-in page's form posts here
// (with fetch when scripts run, as a plain form otherwise), so every refusal carries its
// real status: 400 for invalid fields, 401 for a wrong email or password, 429 once the
// rate limit is reached (contract section 7), 403 from another site.
import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { errorPageStyleSource, htmlErrorPage } from "@/lib/http/html";
import { AppError, type ErrorCode, toAppError } from "@/lib/http/errors";
import { unframeableHeaders } from "@/lib/http/security-headers";
import { checkSameOrigin } from "@/lib/http/same-origin";
import { clientAddressFrom } from "@/lib/auth/client-address";
import { safeNextPath } from "@/lib/auth/next-path";
import { sessionCookieName, sessionCookieOptions } from "@/lib/auth/session-cookie";
import { readSignInForm } from "@/lib/auth/sign-in-request";
import { signIn, type SignInFieldErrors } from "@/lib/auth/sign-in";

export const dynamic = "force-dynamic";

type Refusal = {
  status: number;
  code: ErrorCode;
  message: string;
  fieldErrors?: SignInFieldErrors;
  retryAfterSeconds?: number;
};

export async function POST(request: NextRequest): Promise<Response> {
  const { appBaseUrl } = env();
  const fromScript = (request.headers.get("accept") ?? "").includes("application/json");
  let next = "/admin";
  try {
    checkSameOrigin(request.headers, appBaseUrl);
    const form = await readSignInForm(request);
    next = safeNextPath(form.next);
    const result = await signIn(form, clientAddressFrom(request.headers));
    if (!result.ok) return refuse(result, fromScript, next);
    const response = fromScript ? NextResponse.json({ redirect: next }) : seeOther(next);
    response.cookies.set(sessionCookieName(appBaseUrl), result.token, sessionCookieOptions(appBaseUrl));
    response.headers.set("Cache-Control", "no-store");
    return response;
  } catch (error) {
    const { status, code, message } = toAppError(error);
    return refuse({ status, code, message }, fromScript, next);
  }
}

/**
 * A 303 to a path of this site. The Location stays relative: the request's own URL in a
 * route handler may name another host than the browser used (localhost for 127.0.0.1),
 * and the page's CSP (form-action 'self') would then block the redirect.
 */
function seeOther(path: string, headers: Headers = new Headers()): NextResponse {
  headers.set("Location", path);
  return new NextResponse(null, { status: 303, headers });
}

function refuse(refusal: Refusal, fromScript: boolean, next: string): Response {
  const headers = new Headers({ "Cache-Control": "no-store" });
  if (refusal.retryAfterSeconds !== undefined) headers.set("Retry-After", String(refusal.retryAfterSeconds));
  if (fromScript) {
    const { code, message, fieldErrors } = refusal;
    return NextResponse.json(
      { error: { code, message, ...(fieldErrors ? { fields: fieldErrors } : {}) } },
      { status: refusal.status, headers },
    );
  }
  // Without scripts: a wrong password or an invalid field goes back to the form with its
  // message; any other refusal (429 above all) answers with its status and a short page.
  if (refusal.status === 400 || refusal.status === 401) {
    const back = new URLSearchParams({ error: refusal.status === 401 ? "unauthorized" : "bad_request" });
    if (next !== "/admin") back.set("next", next);
    return seeOther(`/admin/login?${back}`, headers);
  }
  // The same policy proxy.ts puts on this route (lib/auth/admin-gate.ts), which Next keeps over this one.
  for (const [name, value] of Object.entries(unframeableHeaders(undefined, [errorPageStyleSource]))) {
    headers.set(name, value);
  }
  return htmlErrorPage(new AppError(refusal.code, refusal.status, refusal.message), headers, {
    heading: "Sign-in refused",
    link: { href: "/admin/login", text: "Back to sign-in" },
  });
}
