// SocialSignIn's iframe against the production server, as the host opens it: a signed
// search, then the chosen contact's view in an iframe, with the unsigned message_*
// parameters SocialSignIn may append.
import { mkdirSync } from "node:fs";
import type { APIRequestContext } from "@playwright/test";
import { test, expect } from "./fixtures/test";
import { expectAccessible } from "./fixtures/accessibility";
import { signSocialSignInQuery } from "@/lib/integrations/socialsignin/sign";
import { testSecrets } from "@/tests/support/test-config";

const secret = testSecrets.SOCIALSIGNIN_SECRET;
const expires = () => String(Math.floor(Date.now() / 1000) + 300);
const iframePath = (id: string, key: string = secret) =>
  `/socialsignin/iframe?${signSocialSignInQuery(
    [
      ["id", id],
      ["expires", expires()],
    ],
    key,
  )}`;

/** The id of a demo contact, found the way SocialSignIn finds it: through the signed search. */
async function contactId(request: APIRequestContext, name: string): Promise<string> {
  const response = await request.get(
    `/api/socialsignin/search?${signSocialSignInQuery(
      [
        ["q", name],
        ["expires", expires()],
      ],
      secret,
    )}`,
  );
  const { results } = (await response.json()) as { results: { id: string; name: string }[] };
  const found = results.find((r) => r.name === name);
  if (!found) throw new Error(`no demo contact named ${name}`);
  return found.id;
}

test.describe("SocialSignIn iframe", () => {
  test("shows the contact with notes and leads, with the iframe's security headers", async ({
    page,
    request,
    consoleErrors,
  }) => {
    const id = await contactId(request, "Chen Álvarez");
    const response = await page.goto(
      `${iframePath(id)}&message_network=twitter&message_id=12345&message_sentiment=positive`,
    );
    expect(response?.status()).toBe(200);
    const headers = response!.headers();
    expect(headers["content-security-policy"]).toContain("frame-ancestors http://127.0.0.1:");
    expect(headers["cache-control"]).toBe("no-store");
    expect(headers["referrer-policy"]).toBe("no-referrer");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Chen Álvarez");
    await expect(page.locator("section[aria-labelledby=section-notes] li")).toHaveCount(3);
    await expect(page.locator("section[aria-labelledby=section-leads] li")).toHaveCount(1);
    expect(consoleErrors).toEqual([]);
  });

  test("renders inside a frame on an allowed host origin and is blocked on any other", async ({
    page,
    request,
    parentPages,
    baseURL,
  }) => {
    const url = `${baseURL}${iframePath(await contactId(request, "Chen Álvarez"))}`;
    await page.goto(parentPages.allowed(url));
    await expect(page.frameLocator("iframe").getByRole("heading", { level: 1 })).toHaveText("Chen Álvarez");

    const violations: string[] = [];
    page.on("console", (m) => {
      if (m.text().includes("frame-ancestors")) violations.push(m.text());
    });
    await page.goto(parentPages.blocked(url));
    await expect.poll(() => violations.length).toBeGreaterThan(0);
    await expect(page.frameLocator("iframe").getByRole("heading", { level: 1 })).toHaveCount(0);
  });

  test("refusals are small HTML pages with their code and no contact data, with or without JavaScript", async ({
    browser,
    request,
    baseURL,
  }) => {
    const id = await contactId(request, "Chen Álvarez");
    const cases: [string, number, string][] = [
      [iframePath(id, "wrong-secret"), 403, "bad_signature"],
      [`/socialsignin/iframe?id=${id}`, 400, "missing_signature"],
      [iframePath("no-such-contact"), 404, "not_found"],
      [
        `/socialsignin/iframe?${signSocialSignInQuery(
          [
            ["id", id],
            ["expires", String(Math.floor(Date.now() / 1000) - 5)],
          ],
          secret,
        )}`,
        403,
        "expired",
      ],
    ];
    for (const javaScriptEnabled of [true, false]) {
      // 320 px: the narrowest frame a host gives; the card keeps a 16 px gutter, as the view does.
      const context = await browser.newContext({ baseURL, javaScriptEnabled, viewport: { width: 320, height: 640 } });
      const page = await context.newPage();
      for (const [path, status, code] of cases) {
        const response = await page.goto(path);
        expect(response?.status(), code).toBe(status);
        await expect(page.locator("main")).toHaveAttribute("data-error-code", code);
        await expect(page.locator("main h1")).toBeVisible();
        await expect(page.locator("body")).not.toContainText("Álvarez");
        const box = (await page.locator("main").boundingBox())!;
        expect([box.x >= 16, box.x + box.width <= 304], code).toEqual([true, true]);
      }
      await context.close();
    }
  });

  test("needs no JavaScript, passes an accessibility check, and is screenshotted", async ({
    browser,
    request,
    baseURL,
  }) => {
    const id = await contactId(request, "Chen Álvarez");
    mkdirSync("e2e/.artifacts/screenshots", { recursive: true });
    for (const colorScheme of ["light", "dark"] as const) {
      for (const width of [360, 1024]) {
        const context = await browser.newContext({
          baseURL,
          colorScheme,
          viewport: { width, height: 900 },
          javaScriptEnabled: width !== 360,
        });
        const page = await context.newPage();
        await page.goto(iframePath(id));
        await expect(page.locator("section[aria-labelledby=section-notes] li")).toHaveCount(3);
        if (width === 1024) {
          await expectAccessible(page, colorScheme);
        }
        await page.screenshot({
          path: `e2e/.artifacts/screenshots/socialsignin-iframe-${colorScheme}-${width}.png`,
          fullPage: true,
        });
        await context.close();
      }
    }
  });
});
