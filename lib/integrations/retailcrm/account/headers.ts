// Security headers of the account page and its helper routes. Only the page with account
// data and the Disconnect button is restricted to being framed by that account's
// retailCRM origin. Pages with neither (a message that the session has ended, an error)
// may be framed anywhere, so that retailCRM's iframe shows the message instead of a
// blocked frame; there is nothing on them to click-jack.
import "server-only";
import { errorPageStyleSource } from "@/lib/http/html";
import { createNonce, embeddedViewHeaders } from "@/lib/http/security-headers";

export const anyFramer = "*";

/** The page's headers; `frameAncestors` is the session's retailCRM origin, or anyFramer without a session. */
export function accountPageHeaders(frameAncestors: string): Record<string, string> {
  return embeddedViewHeaders({ frameAncestors: [frameAncestors], nonce: createNonce() });
}

/** Headers of the small HTML error pages and redirects of the account routes. */
export function accountErrorHeaders(): Record<string, string> {
  return embeddedViewHeaders({ frameAncestors: [anyFramer], styleSources: [errorPageStyleSource] });
}

export const accountErrorHeading = "The CRM Bridge account page cannot be opened";
