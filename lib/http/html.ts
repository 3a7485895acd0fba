// Small HTML documents written without React, for responses that must be cheap and
// carry an exact status (iframe error pages).
import "server-only";
import { toAppError } from "@/lib/http/errors";
import { styleHash } from "@/lib/http/security-headers";

const escapes: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => escapes[c]!);
}

// The body's padding keeps the card 16 px off the edges of a narrow frame, as the contact view is.
const errorStyle = `body{margin:0;padding:0 16px;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2937;background:#fff}
main{max-width:32rem;margin:2rem auto;padding:1.25rem;border:1px solid #e5e7eb;border-radius:.75rem}
h1{font-size:1.1rem;margin:0 0 .5rem}p{margin:0}code{font-size:.85em;color:#6b7280}
@media (prefers-color-scheme:dark){body{color:#e5e7eb;background:#111827}main{border-color:#374151}code{color:#9ca3af}}`;

/** CSP source that allows the error page's inline style and nothing else. */
export const errorPageStyleSource = styleHash(errorStyle);

/** The small error page shown inside a host's iframe: the code, a message, no contact data. */
export function htmlErrorPage(
  error: unknown,
  headers: HeadersInit,
  heading = "This contact view cannot be shown",
): Response {
  const { code, status, message } = toAppError(error);
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>CRM Bridge: ${escapeHtml(code)}</title><style>${errorStyle}</style></head><body><main data-error-code="${escapeHtml(code)}"><h1>${escapeHtml(heading)}</h1><p>${escapeHtml(message)}</p><p><code>${escapeHtml(code)}</code></p></main></body></html>`;
  const h = new Headers(headers);
  h.set("Content-Type", "text/html; charset=utf-8");
  return new Response(body, { status, headers: h });
}
