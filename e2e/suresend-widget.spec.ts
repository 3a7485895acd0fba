import { mkdirSync } from "node:fs";
import { test, expect } from "./fixtures/test";
import { expectAccessible } from "./fixtures/accessibility";
import { testSecrets } from "@/tests/support/test-config";
import { signSureSendContext } from "@/lib/integrations/suresend/sign";
import { sampleCompanyContext, samplePersonContext } from "@/lib/integrations/suresend/sample-contexts";

const secret = testSecrets.SURESEND_WIDGET_SECRET;

/** The widget path as Sure Send's own test-URL generator builds it: base64 + / = left unencoded. */
function widgetPath(context: unknown): string {
  const signed = signSureSendContext(context, secret);
  return `/widgets/suresend?context=${signed.context}&signature=${signed.signature}`;
}

test.describe("Sure Send widget", () => {
  test("shows the person with their CRM Bridge notes and leads, without console errors", async ({
    page,
    consoleErrors,
  }) => {
    const context = samplePersonContext();
    const response = await page.goto(widgetPath(context));
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      `${context.person.firstName} ${context.person.lastName}`,
    );
    await expect(page.getByRole("link", { name: context.person.emails[0]!.email })).toBeVisible();
    const record = page.getByTestId("crm-record");
    await expect(record.getByRole("heading", { name: "Notes" })).toBeVisible();
    await expect(record.locator("section[aria-labelledby=section-notes] li")).not.toHaveCount(0);
    await expect(
      record
        .getByText("Skyline Residency")
        .or(record.getByText("Green Meadows"))
        .or(record.getByText("Harbour View"))
        .first(),
    ).toBeVisible();
    expect(consoleErrors).toEqual([]);
  });

  test("shows a company's facts, formatted", async ({ page, consoleErrors }) => {
    const context = sampleCompanyContext();
    await page.goto(widgetPath(context));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(context.company.name!);
    await expect(page.getByText("$50,000,000")).toBeVisible();
    await expect(page.getByText(context.company.registrationNumber!)).toBeVisible();
    await expect(page.getByRole("link", { name: context.company.website! })).toHaveAttribute(
      "href",
      `${context.company.website}/`,
    );
    expect(consoleErrors).toEqual([]);
  });

  test("says clearly when the contact is not in CRM Bridge yet", async ({ page }) => {
    const context = {
      ...samplePersonContext(),
      person: {
        id: "unknown-1",
        firstName: "Nobody",
        lastName: "Known",
        emails: [{ value: "nobody@nowhere.example", isPrimary: 1 }],
        phones: [],
      },
    };
    await page.goto(widgetPath(context));
    await expect(page.getByTestId("not-in-crm")).toContainText("Not in CRM Bridge yet");
  });

  test("renders inside a frame on an allowed host origin", async ({ page, parentPages, baseURL }) => {
    await page.goto(parentPages.allowed(`${baseURL}${widgetPath(samplePersonContext())}`));
    const frame = page.frameLocator("iframe");
    await expect(frame.getByRole("heading", { level: 1 })).toBeVisible();
  });

  test("is blocked inside a frame on any other origin", async ({ page, parentPages, baseURL }) => {
    const violations: string[] = [];
    page.on("console", (m) => {
      if (m.text().includes("frame-ancestors")) violations.push(m.text());
    });
    await page.goto(parentPages.blocked(`${baseURL}${widgetPath(samplePersonContext())}`));
    await expect.poll(() => violations.length).toBeGreaterThan(0);
    const child = page.frames().find((f) => f !== page.mainFrame());
    expect(child?.url()).toBe("chrome-error://chromewebdata/");
    await expect(page.frameLocator("iframe").getByRole("heading", { level: 1 })).toHaveCount(0);
  });

  test("renders every hostile value as text and links only http(s) websites", async ({ page }) => {
    const payload = `<img src=x onerror="window.__xss=1"><script>window.__xss=1</script>"'&`;
    let dialogs = 0;
    page.on("dialog", async (d) => {
      dialogs++;
      await d.dismiss();
    });
    const base = sampleCompanyContext();
    const context = {
      ...base,
      team: { id: payload, name: payload },
      user: { id: payload, email: payload },
      company: {
        ...base.company,
        id: payload,
        name: payload,
        industry: payload,
        website: "javascript:alert(document.domain)",
        description: payload,
        companySize: payload,
        registrationNumber: payload,
        taxId: payload,
        foundedDate: payload,
        stage: { name: payload },
        emails: [{ value: payload, email: payload, isPrimary: 1 }],
        phones: [{ phone: payload, type: payload, isPrimary: 0, normalized: "1" }],
        addresses: [
          {
            type: payload,
            street: payload,
            city: payload,
            state: payload,
            code: payload,
            country: payload,
            isPrimary: 1,
          },
        ],
      },
    };
    const response = await page.goto(widgetPath(context));
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(payload);
    expect(await page.getByText(payload, { exact: true }).count()).toBeGreaterThan(8);
    await expect(page.getByText("javascript:alert(document.domain)")).toBeVisible();
    expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(dialogs).toBe(0);
    expect(await page.locator("main img").count()).toBe(0);
  });

  test("shows refusals as a small error page with the code and no contact data", async ({ page }) => {
    const context = samplePersonContext();
    const signed = signSureSendContext(context, "f".repeat(64));
    const response = await page.goto(`/widgets/suresend?context=${signed.context}&signature=${signed.signature}`);
    expect(response?.status()).toBe(403);
    await expect(page.locator("main")).toHaveAttribute("data-error-code", "bad_signature");
    await expect(page.locator("body")).not.toContainText(context.person.lastName!);
  });

  for (const [kind, make] of [
    ["person", samplePersonContext],
    ["company", sampleCompanyContext],
  ] as const) {
    test(`the ${kind} view passes an accessibility check and is screenshotted light and dark, narrow and wide`, async ({
      page,
    }) => {
      mkdirSync("e2e/.artifacts/screenshots", { recursive: true });
      for (const colorScheme of ["light", "dark"] as const) {
        await page.emulateMedia({ colorScheme });
        for (const width of [360, 1024]) {
          await page.setViewportSize({ width, height: 900 });
          await page.goto(widgetPath(make()));
          await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
          await expectAccessible(page, `${colorScheme}, ${width}px`);
          const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
          expect(scrollWidth).toBeLessThanOrEqual(width);
          await page.screenshot({
            path: `e2e/.artifacts/screenshots/suresend-${kind}-${colorScheme}-${width}.png`,
            fullPage: true,
          });
        }
      }
    });
  }

  test("needs no JavaScript to render", async ({ browser, baseURL }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, baseURL });
    const page = await context.newPage();
    await page.goto(widgetPath(samplePersonContext()));
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByTestId("crm-record")).toBeVisible();
    await context.close();
  });
});
