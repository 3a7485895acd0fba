// Every admin page, server action and route handler refuses a visitor without a valid
// session: no cookie (stopped early by proxy.ts), and a cookie that is not a session
// (which only the page, action or handler itself can catch). The server actions are
// all of them, read from the build's manifest, so a new one cannot be forgotten here.
import { readFileSync } from "node:fs";
import type { APIRequestContext } from "@playwright/test";
import { test, expect, signInByRequest } from "./fixtures/admin";

type Manifest = {
  node: Record<string, { workers: Record<string, unknown>; filename?: string; exportedName?: string }>;
};

/** Each admin server action with a URL of a page that carries it ("[id]" filled in). */
function adminActions(): { id: string; name: string; path: string }[] {
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as Manifest;
  return Object.entries(manifest.node)
    .filter(([, a]) => a.filename?.startsWith("app/admin/"))
    .map(([id, a]) => {
      const worker = Object.keys(a.workers).find((w) => w.startsWith("app/admin")) ?? "app/admin/page";
      const path = `/${worker
        .replace(/^app\//, "")
        .replace(/\/page$/, "")
        .replace(/\[[^\]]+\]/g, "x")}`;
      return { id, name: `${a.filename}#${a.exportedName}`, path };
    });
}

const pages = [
  "/admin",
  "/admin/contacts",
  "/admin/contacts?q=jane&kind=person&source=demo",
  "/admin/contacts/some-contact-id",
  "/admin/contacts/some-contact-id?notesBefore=abc",
  "/admin/connections",
  "/admin/sync",
];

/** A well-formed token that no session has (or had). */
const forged = "A".repeat(43);

/**
 * Page visits, and (without a cookie, where proxy.ts answers first) the router's RSC
 * requests too. With a cookie an RSC request without Next.js's own cache-busting
 * parameter is bounced by Next.js before any page code runs, so it proves nothing there.
 */
async function expectPagesRefused(request: APIRequestContext, label: string, rsc = false) {
  for (const path of pages) {
    for (const headers of (rsc ? [{}, { RSC: "1" }] : [{}]) as Record<string, string>[]) {
      const response = await request.get(path, { maxRedirects: 0, headers });
      const what = `${label} ${path} ${JSON.stringify(headers)}`;
      expect(response.status(), what).toBe(307);
      expect(response.headers()["location"], what).toMatch(/^(http:\/\/[^/]+)?\/admin\/login(\?|$)/);
      expect(await response.text(), what).not.toMatch(/Jane|Acme|@example\.com/);
    }
  }
}

async function expectActionsRefused(request: APIRequestContext, baseURL: string, label: string) {
  const actions = adminActions();
  expect(actions.map((a) => a.name).sort()).toEqual(
    expect.arrayContaining([
      "app/admin/actions.ts#signOut",
      "app/admin/contacts/[id]/actions.ts#addNote",
      "app/admin/contacts/[id]/actions.ts#editNote",
    ]),
  );
  for (const action of actions) {
    const response = await request.post(action.path, {
      headers: {
        "Next-Action": action.id,
        Origin: baseURL,
        "Content-Type": "text/plain;charset=UTF-8",
        Accept: "text/x-component",
      },
      data: "[]",
      maxRedirects: 0,
    });
    expect(response.status(), `${label} ${action.name}`).toBe(401);
  }
}

test("without a session cookie, pages redirect to sign-in and actions answer 401", async ({ playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL });
  await expectPagesRefused(request, "no cookie", true);
  await expectActionsRefused(request, baseURL!, "no cookie");
  await request.dispose();
});

test("with a cookie that is not a session, every page and action refuses by itself", async ({
  playwright,
  baseURL,
}) => {
  const request = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { Cookie: `crm_bridge_session=${forged}` },
  });
  await expectPagesRefused(request, "forged cookie");
  await expectActionsRefused(request, baseURL!, "forged cookie");
  await request.dispose();
});

test("a signed-out session's cookie is refused like any other", async ({ page, playwright, baseURL }) => {
  await signInByRequest(page.request, baseURL!);
  const token = (await page.context().cookies()).find((c) => c.name === "crm_bridge_session")!.value;
  await page.goto("/admin");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/admin\/login\?signedOut=1$/);
  const stale = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { Cookie: `crm_bridge_session=${token}` },
  });
  await expectPagesRefused(stale, "signed-out cookie");
  await expectActionsRefused(stale, baseURL!, "signed-out cookie");
  await stale.dispose();
});

test("every admin route handler but the sign-in endpoint refuses without a session", async ({
  playwright,
  baseURL,
}) => {
  const routes = JSON.parse(readFileSync(".next/server/app-paths-manifest.json", "utf8")) as Record<string, string>;
  const handlers = Object.keys(routes)
    .filter((r) => r.startsWith("/admin") && r.endsWith("/route"))
    .map((r) => r.replace(/\/route$/, "").replace(/\[[^\]]+\]/g, "x"));
  expect(handlers).toContain("/admin/login/session");
  const request = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { Cookie: `crm_bridge_session=${forged}`, Origin: baseURL! },
  });
  for (const path of handlers.filter((h) => h !== "/admin/login/session")) {
    for (const method of ["GET", "POST", "PUT", "DELETE"] as const) {
      const status = (await request.fetch(path, { method, maxRedirects: 0 })).status();
      expect([401, 405], `${method} ${path}`).toContain(status);
    }
  }
  expect((await request.get("/admin/login/session", { maxRedirects: 0 })).status()).toBe(405);
  await request.dispose();
});
