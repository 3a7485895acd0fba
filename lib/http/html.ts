// Small HTML documents written without React, for responses that must be cheap and
// carry an exact status (error pages answered before or instead of a page).
import "server-only";
import { type AppError, toAppError } from "@/lib/http/errors";
import { styleHash } from "@/lib/http/security-headers";

const escapes: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => escapes[c]!);
}

// The body's padding keeps the card 16 px off the edges of a narrow frame, as the contact view is.
// The browser's defaults for box-sizing, h1's weight and code's font are spelled out: inside
// the app's layout (components/contact/view-error.tsx) its CSS reset would change them.
const errorStyle = `body{margin:0;padding:0 16px;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2937;background:#fff}
main{box-sizing:content-box;max-width:32rem;margin:2rem auto;padding:1.25rem;border:1px solid #e5e7eb;border-radius:.75rem}
a{color:inherit}
h1{font-size:1.1rem;font-weight:700;margin:0 0 .5rem}p{margin:0}code{font-family:monospace;font-size:.85em;color:#6b7280}
@media (prefers-color-scheme:dark){body{color:#e5e7eb;background:#111827}main{border-color:#374151}code{color:#9ca3af}}`;

/** CSP source that allows the error page's inline style and nothing else. */
export const errorPageStyleSource = styleHash(errorStyle);

/** The heading of an embedded view's refusal. */
export const viewErrorHeading = "This contact view cannot be shown";

export type ErrorPageOptions = {
  /** the page's heading; the message and code follow it */
  heading?: string;
  /** a way on, e.g. back to a form */
  link?: { href: string; text: string };
  /** names the entry point in the log when `error` is not a refusal (lib/http/errors.ts toAppError) */
  where?: string;
};

/**
 * The one error card: the code on `<main>`, a heading, the message and the code, a link
 * on if given, no contact data. Styled by errorStyle alone (errorCardStyled carries it).
 */
function errorCard(error: Pick<AppError, "code" | "message">, options: ErrorPageOptions = {}): string {
  const { heading = viewErrorHeading, link } = options;
  const more = link ? `<p><a href="${escapeHtml(link.href)}">${escapeHtml(link.text)}</a></p>` : "";
  return `<main data-error-code="${escapeHtml(error.code)}"><h1>${escapeHtml(heading)}</h1><p>${escapeHtml(error.message)}</p><p><code>${escapeHtml(error.code)}</code></p>${more}</main>`;
}

/**
 * The error card with its style, for a page that must show a refusal inside the app's
 * layout (components/contact/view-error.tsx): it then looks as this page does. The page's
 * CSP must allow errorPageStyleSource.
 */
export function errorCardStyled(error: Pick<AppError, "code" | "message">, options: ErrorPageOptions = {}): string {
  return `<style>${errorStyle}</style>${errorCard(error, options)}`;
}

/**
 * The one small HTML error page (an embedded view's refusal, an account page's, the
 * admin pages' outage, a refused sign-in without scripts): the error card as a whole
 * document. Its only style is the inline one above: pass errorPageStyleSource in the
 * response's CSP.
 */
export function htmlErrorPage(error: unknown, headers: HeadersInit, options: ErrorPageOptions = {}): Response {
  const { code, status, message } = toAppError(error, options.where);
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="color-scheme" content="light dark"><title>CRM Bridge: ${escapeHtml(code)}</title><style>${errorStyle}</style></head><body>${errorCard({ code, message }, options)}</body></html>`;
  const h = new Headers(headers);
  h.set("Content-Type", "text/html; charset=utf-8");
  return new Response(body, { status, headers: h });
}
