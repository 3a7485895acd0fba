import { expect, test } from "@playwright/test";
import { expectAccessible } from "./fixtures/accessibility";

test("the home page renders without console errors and passes an accessibility check", async ({ page }) => {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "CRM Bridge" })).toBeVisible();
  await expectAccessible(page);
  expect(errors).toEqual([]);
});

test("health answers ok from the production server and its database", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: "ok", database: "ok" });
});
