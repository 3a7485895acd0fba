// Every admin page in light and dark, at 360 px and 1024 px: an accessibility check
// (axe) of each, and a screenshot into e2e/.artifacts/screenshots/ for a person to look at.
import AxeBuilder from "@axe-core/playwright";
import { mkdirSync } from "node:fs";
import type { Page } from "@playwright/test";
import { test, expect, signInByRequest } from "./fixtures/admin";

const dir = "e2e/.artifacts/screenshots";
mkdirSync(dir, { recursive: true });

const widths = [360, 1024] as const;
const schemes = ["light", "dark"] as const;

async function check(page: Page, name: string, consoleErrors: string[]) {
  for (const scheme of schemes) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of widths) {
      await page.setViewportSize({ width, height: 800 });
      await page.screenshot({ path: `${dir}/admin-${name}-${width}-${scheme}.png`, fullPage: true });
      const axe = await new AxeBuilder({ page }).analyze();
      expect(axe.violations.map((v) => `${scheme} ${width}px ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
      // Nothing wider than the screen (a horizontal scroll bar at 360 px is a layout bug).
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${name} ${width}px overflows`).toBeLessThanOrEqual(0);
    }
  }
  expect(consoleErrors).toEqual([]);
}

// Four screenshots and four accessibility checks per page: slower than most tests.
test.describe.configure({ timeout: 120_000 });

test("sign-in page", async ({ page, consoleErrors }) => {
  await page.goto("/admin/login");
  await check(page, "login", consoleErrors);
});

test.describe("signed in", () => {
  test.beforeEach(async ({ page, baseURL }) => {
    await signInByRequest(page.request, baseURL!);
  });

  test("dashboard", async ({ page, consoleErrors }) => {
    await page.goto("/admin");
    await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
    await check(page, "dashboard", consoleErrors);
  });

  test("contacts list", async ({ page, consoleErrors }) => {
    await page.goto("/admin/contacts");
    await expect(page.getByTestId("contacts-table")).toBeVisible();
    await check(page, "contacts", consoleErrors);
  });

  test("contact page of a person and of a company", async ({ page, consoleErrors }) => {
    await page.goto("/admin/contacts?q=jane");
    await page.getByTestId("contacts-table").getByRole("link").first().click();
    await expect(page.getByRole("heading", { level: 2, name: /Notes/ })).toBeVisible();
    await check(page, "contact-person", consoleErrors);
    await page.goto("/admin/contacts?kind=company&q=acme");
    await page.getByTestId("contacts-table").getByRole("link").first().click();
    await expect(page.getByRole("heading", { level: 1, name: "Acme Real Estate" })).toBeVisible();
    await check(page, "contact-company", consoleErrors);
  });

  test("connections", async ({ page, consoleErrors }) => {
    await page.goto("/admin/connections");
    await expect(page.getByRole("heading", { level: 1, name: "Connections" })).toBeVisible();
    await check(page, "connections", consoleErrors);
  });
});
