import type { AppError } from "@/lib/http/errors";
import { errorCardStyled } from "@/lib/http/html";

/**
 * An embedded view's refusal found while rendering (the proxy answers refusals itself
 * with their exact status; this covers what changed in between: a contact deleted, the
 * database lost, a link expired). It is the proxy's error card, with its own style, so
 * the host sees the same page either way. Shows the code and message, never contact data.
 */
export function ViewError({ error }: { error: Pick<AppError, "code" | "message"> }) {
  // The card's text is escaped where it is written (lib/http/html.ts).
  return <div dangerouslySetInnerHTML={{ __html: errorCardStyled(error) }} />;
}
