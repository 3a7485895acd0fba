// Security headers of the account page and its helper routes. Only the page with account
// data and the Disconnect button is restricted to being framed by that account's
// retailCRM origin. Pages with neither (a message that the session has ended, an error)
// may be framed anywhere, so that retailCRM's iframe shows the message instead of a
// blocked frame; there is nothing on them to click-jack.
export const anyFramer = "*";

export type AccountPageCspInput = { nonce: string; frameAncestors: string };

export function accountPageCsp({ nonce, frameAncestors }: AccountPageCspInput): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors}`,
  ].join("; ");
}

/** Headers of the small HTML error pages and redirects of the account routes. */
export function accountErrorHeaders(): Record<string, string> {
  return {
    "Content-Security-Policy": `default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors ${anyFramer}`,
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
  };
}

export const accountErrorHeading = "The CRM Bridge account page cannot be opened";
