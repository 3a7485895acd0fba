// Cross-site request check for our own form endpoints (server actions have Next.js's).
// Browsers say where a request comes from in Sec-Fetch-Site, which pages cannot forge;
// older ones only in Origin, which must then name this site: the host the request came
// to, or APP_BASE_URL. (A form posted from a page with `Referrer-Policy: no-referrer`
// carries `Origin: null`, so Sec-Fetch-Site is checked first.) A request with neither
// header is not from a browser, cannot be forged cross-site, and is let through.
import "server-only";
import { AppError } from "@/lib/http/errors";

export function checkSameOrigin(headers: Headers, appBaseUrl: string): void {
  const site = headers.get("sec-fetch-site");
  if (site !== null) {
    if (site === "same-origin" || site === "none") return;
    throw crossSite();
  }
  const origin = headers.get("origin");
  if (origin === null) return;
  if (origin === "null" || !URL.canParse(origin)) throw crossSite();
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  const { host: originHost, origin: normalized } = new URL(origin);
  if (originHost !== host && normalized !== new URL(appBaseUrl).origin) throw crossSite();
}

function crossSite(): AppError {
  return new AppError("bad_request", 403, "This form can only be sent from CRM Bridge's own pages.");
}
