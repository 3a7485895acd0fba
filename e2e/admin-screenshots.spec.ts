// Every admin page in light and dark, at 360 px and 1024 px (e2e/fixtures/screens.ts):
// screenshots for a person to look at, and an accessibility check of each.
import { test, expect, signInByRequest } from "./fixtures/admin";
import { lookAt } from "./fixtures/screens";

// Four screenshots and four accessibility checks per page: slower than most tests.
test.describe.configure({ timeout: 120_000 });

test("sign-in page", async ({ page, consoleErrors }) => {
  await page.goto("/admin/login");
  await lookAt(page, "login");
  expect(consoleErrors).toEqual([]);
});

test.describe("signed in", () => {
  test.beforeEach(async ({ page, baseURL }) => {
    await signInByRequest(page.request, baseURL!);
  });

  test("dashboard", async ({ page, consoleErrors }) => {
    await page.goto("/admin");
    await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
    await lookAt(page, "dashboard");
    expect(consoleErrors).toEqual([]);
  });

  test("contacts list", async ({ page, consoleErrors }) => {
    await page.goto("/admin/contacts");
    await expect(page.getByTestId("contacts-table")).toBeVisible();
    await lookAt(page, "contacts");
    await lookAt(page, "contacts-top", { fullPage: false });
    await page.goto("/admin/contacts?q=zzz");
    await lookAt(page, "contacts-none", { fullPage: false });
    expect(consoleErrors).toEqual([]);
  });

  test("contact page of a person and of a company", async ({ page, consoleErrors }) => {
    await page.goto("/admin/contacts?q=jane");
    await page.getByTestId("contacts-table").getByRole("link").first().click();
    await expect(page.getByRole("heading", { level: 2, name: /Notes/ })).toBeVisible();
    await lookAt(page, "contact-person");
    await page.goto("/admin/contacts?kind=company&q=acme");
    await page.getByTestId("contacts-table").getByRole("link").first().click();
    await expect(page.getByRole("heading", { level: 1, name: "Acme Real Estate" })).toBeVisible();
    await lookAt(page, "contact-company");
    expect(consoleErrors).toEqual([]);
  });

  test("connections", async ({ page, consoleErrors }) => {
    await page.goto("/admin/connections");
    await expect(page.getByRole("heading", { level: 1, name: "Connections" })).toBeVisible();
    await lookAt(page, "connections");
    expect(consoleErrors).toEqual([]);
  });
});
