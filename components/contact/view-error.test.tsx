// A refusal found while a view renders is the proxy's error page (lib/http/html.ts), card
// and style, not a second rendering of it.
import { createHash } from "node:crypto";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/http/errors";
import { errorPageStyleSource, htmlErrorPage } from "@/lib/http/html";
import { ViewError } from "./view-error";

const between = (html: string, open: string, close: string) =>
  html.slice(html.indexOf(open), html.indexOf(close) + close.length);

describe("ViewError", () => {
  it("shows the error page's card, escaped, with the one style its CSP source allows", async () => {
    const error = new AppError("not_found", 404, `No contact <b>"x"</b> & co`);
    const page = await htmlErrorPage(error, {}).text();
    const view = renderToStaticMarkup(<ViewError error={error} />);
    expect(between(view, "<main", "</main>")).toBe(between(page, "<main", "</main>"));
    expect(view).toContain('<main data-error-code="not_found">');
    expect(view).not.toContain("<b>");
    const styles = [...view.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
    expect(styles).toHaveLength(1);
    expect(`'sha256-${createHash("sha256").update(styles[0]!, "utf8").digest("base64")}'`).toBe(errorPageStyleSource);
  });
});
