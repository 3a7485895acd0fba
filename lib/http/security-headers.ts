// Security headers by kind of response. Allowed frame ancestors come from the
// environment at run time, so these are set where the request is handled (proxy.ts,
// route handlers), never in next.config.mjs (fixed at build time).
import "server-only";
import { createHash, randomBytes } from "node:crypto";

/** A fresh CSP nonce for one response. */
export function createNonce(): string {
  return randomBytes(16).toString("base64");
}

/** CSP source for an exact inline style, so small hand-written pages need no 'unsafe-inline'. */
export function styleHash(css: string): string {
  return `'sha256-${createHash("sha256").update(css, "utf8").digest("base64")}'`;
}

type PolicyOptions = {
  /** origins allowed to frame the page, or none */
  frameAncestors: readonly string[] | "none";
  /** lets Next.js's own scripts run (they carry this nonce); absent → no script at all */
  nonce?: string;
  /** extra style sources, e.g. the hash of an inline <style> */
  styleSources?: readonly string[];
};

export function contentSecurityPolicy({ frameAncestors, nonce, styleSources = [] }: PolicyOptions): string {
  const ancestors = frameAncestors === "none" ? "'none'" : frameAncestors.join(" ");
  return [
    "default-src 'none'",
    nonce ? `script-src 'nonce-${nonce}' 'strict-dynamic'` : "script-src 'none'",
    ["style-src 'self'", ...styleSources].join(" "),
    "img-src 'self' data:",
    "font-src 'self'",
    nonce ? "connect-src 'self'" : "connect-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${ancestors}`,
  ].join("; ");
}

/**
 * Headers of every response of an embeddable view (Sure Send widget, SocialSignIn
 * iframe), errors included: the URL and page carry personal data, so nothing is cached
 * or leaked through the Referer header.
 */
export function embeddedViewHeaders(options: PolicyOptions): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(options),
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
  };
}

/**
 * Headers of staff pages: never framed by anyone. The referrer stays within the site
 * (`same-origin`, not `no-referrer`): under no-referrer a browser sends `Origin: null`
 * with a form post, and Next.js then refuses the server actions of a page used without
 * scripts. Other sites still get no referrer.
 */
export function unframeableHeaders(nonce?: string, styleSources?: readonly string[]): Record<string, string> {
  return {
    ...embeddedViewHeaders({ frameAncestors: "none", nonce, styleSources }),
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
  };
}
