// An address CRM Bridge does not have gets its own 404 page, with the way home, and it
// needs no JavaScript.
import { expect, test } from "./fixtures/test";

test.use({ javaScriptEnabled: false });

test("an unknown address is a branded 404 page with the ways on", async ({ page }) => {
  const response = await page.goto("/no/such/page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expect(page.getByText("CRM Bridge", { exact: true })).toBeVisible();
  await page.getByRole("link", { name: "CRM Bridge home" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "CRM Bridge" })).toBeVisible();
});
