import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/http/errors";
import { errorPageStyleSource, htmlErrorPage } from "./html";

describe("htmlErrorPage", () => {
  it("answers the error's status with its code on <main>, its message escaped, and the given headers", async () => {
    const response = htmlErrorPage(new AppError("bad_request", 400, `<script>alert("x")</script> & more`), {
      "Cache-Control": "no-store",
    });
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-store");
    const html = await response.text();
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<main data-error-code="bad_request">');
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more");
    expect(html).not.toContain("<script>");
  });

  it("takes a heading and a link on, both escaped", async () => {
    const html = await htmlErrorPage(
      new AppError("rate_limited", 429, "Wait."),
      {},
      {
        heading: "Sign-in <refused>",
        link: { href: "/admin/login?a=1&b=2", text: "Back" },
      },
    ).text();
    expect(html).toContain("<h1>Sign-in &lt;refused&gt;</h1>");
    expect(html).toContain('<a href="/admin/login?a=1&amp;b=2">Back</a>');
  });

  it("shows anything that is not a refusal as a generic 500, without its text", async () => {
    const response = htmlErrorPage(new Error("a bug's private detail"), {});
    expect(response.status).toBe(500);
    const html = await response.text();
    expect(html).toContain('data-error-code="internal_error"');
    expect(html).not.toContain("private detail");
  });

  it("carries exactly the one inline style its CSP source allows", async () => {
    const html = await htmlErrorPage(new AppError("not_found", 404, "No."), {}).text();
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
    expect(styles).toHaveLength(1);
    expect(`'sha256-${createHash("sha256").update(styles[0]!, "utf8").digest("base64")}'`).toBe(errorPageStyleSource);
  });
});
