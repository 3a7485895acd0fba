// The Sync page: "Run now" runs the real Housing.com connector against the fake account
// e2e/server.ts serves, and the run shows with its counts; the leads it brought count in
// the chart and their people can be found.
import type { Page } from "@playwright/test";
import { test, expect } from "./fixtures/admin";
import { e2eHousing, holdHousing, releaseHousing } from "./fixtures/housing";
import { lookAt } from "./fixtures/screens";
import { runCount, runNowUntilSucceeded } from "./fixtures/sync";

test.describe.configure({ timeout: 90_000 });

/** The chart caption's total: "41 in the last 30 days (UTC)…". */
async function leadsInChart(page: Page): Promise<number> {
  const caption = await page.getByTestId("leads-chart").locator("figcaption").innerText();
  return Number(/([\d,]+) in the last 30 days/.exec(caption)?.[1]?.replace(/,/g, ""));
}

test.describe("sync", () => {
  test.beforeEach(async ({ signedIn }) => void signedIn);

  test("runs the Housing.com connector now and shows what the run did", async ({ page, consoleErrors }) => {
    await page.goto("/admin/sync");
    const housing = page.getByTestId("connector-housing");
    await expect(housing).toContainText("Configured");
    await expect(housing).toContainText("Runs only when started");
    const before = await leadsInChart(page);

    // A disabled button must not look like a live one: grey, no hover, a not-allowed cursor.
    const button = housing.getByRole("button", { name: "Run Housing.com now" });
    const look = () =>
      button.evaluate((b) => ({ background: getComputedStyle(b).backgroundColor, cursor: getComputedStyle(b).cursor }));
    const enabled = await look();
    await button.evaluate((b) => ((b as HTMLButtonElement).disabled = true));
    await button.hover({ force: true });
    const disabled = await look();
    expect(disabled.cursor).toBe("not-allowed");
    expect(disabled.background).not.toBe(enabled.background);
    await page.mouse.move(0, 0);
    expect((await look()).background).toBe(disabled.background);
    await button.evaluate((b) => ((b as HTMLButtonElement).disabled = false));

    const run = await runNowUntilSucceeded(page, "housing", "Housing.com");
    const count = (label: string) => runCount(run, label);
    await expect(count("fetched")).toHaveText(String(e2eHousing.leads));
    // Days holding more leads than a page were asked for again in halves.
    expect(Number(await count("windows split").innerText())).toBeGreaterThan(0);
    await expect(count("created")).toHaveText(String(e2eHousing.leads));
    await expect(count("new contacts")).toHaveText(String(e2eHousing.leads));
    expect(await leadsInChart(page)).toBe(before + e2eHousing.leads);
    await lookAt(page, "sync");

    // A lead's person is a contact now, found by the search.
    await page.goto("/admin/contacts?q=Buyer700001");
    await page.getByTestId("contacts-table").getByRole("link").first().click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Buyer700001 Sharma");
    await expect(page.getByText("Skyline Towers")).toBeVisible();
    expect(consoleErrors).toEqual([]);
  });

  test("follows a running run by itself, with or without JavaScript, until it ends", async ({
    page,
    browser,
    baseURL,
  }) => {
    await holdHousing();
    try {
      await page.goto("/admin/sync");
      await page.getByTestId("connector-housing").getByRole("button", { name: "Run Housing.com now" }).click();
      await expect(page.getByTestId("run-now-housing")).toContainText("This page follows it");
      const run = page.getByTestId("runs").getByTestId("run").first();
      await expect(run).toContainText("Running");

      // Without JavaScript too: the page carries a Refresh while something runs.
      const noScript = await browser.newContext({
        baseURL,
        javaScriptEnabled: false,
        storageState: await page.context().storageState(),
      });
      const plain = await noScript.newPage();
      await plain.goto("/admin/sync");
      await expect(plain.locator('meta[http-equiv="refresh"]')).toHaveCount(1);

      await releaseHousing();
      // Nobody reloads: both pages update themselves.
      await expect(run).toContainText("Succeeded", { timeout: 20_000 });
      await expect(plain.getByTestId("runs").getByTestId("run").first()).toContainText("Succeeded", {
        timeout: 20_000,
      });
      await expect(page.locator('meta[http-equiv="refresh"]')).toHaveCount(0);
      await noScript.close();
    } finally {
      await releaseHousing();
    }
  });
});
