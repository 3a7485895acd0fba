// The retailCRM module from the user's side: a fake retailCRM account on 127.0.0.1
// connects the module through the API, then opens the account page the way retailCRM
// does (a form POSTing the clientId, into a new tab or an iframe of its own page).
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures/test";
import { expectAccessible } from "./fixtures/accessibility";
import { startFakeRetailCrm, type FakeRetailCrm } from "@/tests/fakes/retailcrm-server";
import { tokenFor } from "@/tests/support/retailcrm";
import { e2ePort, testSecrets } from "@/tests/support/test-config";
import { accountCookieName } from "@/lib/integrations/retailcrm/account/session";

const apiKey = "E2eRetailCrmKey0123456789";
const code = testSecrets.RETAILCRM_MODULE_CODE;
const appUrl = `http://127.0.0.1:${e2ePort}`;
let fake: FakeRetailCrm;

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ request }) => {
  fake = await startFakeRetailCrm({ apiKeys: [apiKey] });
  fake.account.seedCustomers(130);
  fake.account.addCorporate({ companies: ["Horns and Hooves LLC"] });

  // What retailCRM does when the user presses "Connect" in the module card.
  const config = (await (await request.get("/api/retailcrm/config")).json()) as { registerUrl: string };
  expect(config.registerUrl).toBe(`${appUrl}/api/retailcrm/register`);
  const answer = await request.post(config.registerUrl, {
    form: { register: JSON.stringify({ systemUrl: fake.url, apiKey, token: tokenFor(apiKey) }) },
  });
  expect(await answer.json()).toEqual({ success: true, accountUrl: `${appUrl}/retailcrm/account` });
  expect(fake.modules.get(code)?.active).toBe(true);
});

test.afterAll(async () => {
  await fake?.close();
});

/** Console errors and warnings of a page opened by the test (the fixture watches only `page`). */
function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  return errors;
}

test("after connecting, the account's customers arrive on their own, and the account page says so", async ({
  page,
}) => {
  // The server looks for accounts due a sync every 30 s: a new connection's first sync starts within a minute.
  test.setTimeout(120_000);
  await page.goto(`${fake.url}/marketplace/${code}`);
  await page.getByRole("button", { name: "Open here" }).click();
  const frame = page.frameLocator('iframe[name="module-frame"]');
  await expect(frame.getByTestId("connection-status")).toHaveText("Connected");
  await expect(async () => {
    await page.getByRole("button", { name: "Open here" }).click();
    await expect(frame.getByTestId("last-sync")).toContainText("Customers synced", { timeout: 2_000 });
  }).toPass({ timeout: 75_000, intervals: [3_000] });
  await expect(frame.getByTestId("last-sync")).toContainText("131 created");
  const reads = fake.requests.filter((r) => r.path.startsWith("/api/v5/customers"));
  expect(reads.length).toBeGreaterThan(0);
  expect(reads.every((r) => r.keyVia === "header")).toBe(true);
});

test("retailCRM opens the account page inside its own page; other sites cannot frame it", async ({
  page,
  consoleErrors,
  parentPages,
}) => {
  await page.goto(`${fake.url}/marketplace/${code}`);
  await page.getByRole("button", { name: "Open here" }).click();
  const frame = page.frameLocator('iframe[name="module-frame"]');
  await expect(frame.getByTestId("connection-status")).toHaveText("Connected");
  await expect(frame.getByTestId("system-url")).toHaveText(fake.url);
  expect(consoleErrors).toEqual([]);

  // The same page, with the same session cookie, framed by a site that is not the account.
  await page.goto(parentPages.blocked(`${appUrl}/retailcrm/account`));
  await expect.poll(() => page.frames()[1]?.url()).toMatch(/^chrome-error:/);
  expect(await page.frameLocator("iframe").getByTestId("system-url").count()).toBe(0);
  expect(consoleErrors.some((e) => /frame-ancestors/.test(e))).toBe(true);
});

test("the account page in a new tab: status and address, never the key; accessible; then Disconnect", async ({
  page,
  context,
}) => {
  await page.goto(`${fake.url}/marketplace/${code}`);
  const [account] = await Promise.all([
    context.waitForEvent("page"),
    page.getByRole("button", { name: "Open in a new tab" }).click(),
  ]);
  const errors = watchConsole(account);
  await account.waitForLoadState();
  expect(account.url()).toBe(`${appUrl}/retailcrm/account`);
  await expect(account.getByRole("heading", { level: 1, name: "CRM Bridge" })).toBeVisible();
  await expect(account.getByTestId("connection-status")).toHaveText("Connected");
  await expect(account.getByTestId("system-url")).toHaveText(fake.url);
  expect(await account.content()).not.toContain(apiKey);
  const clientId = fake.modules.get(code)!.clientId;
  expect(await account.content()).not.toContain(clientId);

  await expectAccessible(account, "light");

  for (const colorScheme of ["light", "dark"] as const) {
    for (const width of [360, 1024]) {
      await account.emulateMedia({ colorScheme });
      await account.setViewportSize({ width, height: 720 });
      await account.screenshot({
        path: `e2e/.artifacts/retailcrm-account-${colorScheme}-${width}.png`,
        fullPage: true,
      });
    }
  }
  await account.emulateMedia({ colorScheme: "dark" });
  await expectAccessible(account, "dark");
  await account.emulateMedia({ colorScheme: "light" });

  await account.setViewportSize({ width: 360, height: 720 });
  await account.getByText("Disconnect…").click();
  await account.screenshot({ path: "e2e/.artifacts/retailcrm-account-confirm-360.png", fullPage: true });
  await account.getByRole("button", { name: "Yes, disconnect" }).click();
  await expect(account.getByRole("status")).toHaveText("CRM Bridge is disconnected from this retailCRM account.");
  await expect(account.getByTestId("connection-status")).toHaveText("Disconnected");
  await expect(account.getByRole("button", { name: "Yes, disconnect" })).toHaveCount(0);
  expect(account.url()).toBe(`${appUrl}/retailcrm/account?disconnect=done`);
  expect(fake.modules.get(code)).toMatchObject({ active: false, clientId });
  expect(await account.content()).not.toContain(apiKey);
  await account.screenshot({ path: "e2e/.artifacts/retailcrm-account-disconnected.png", fullPage: true });
  expect(errors).toEqual([]);
});

test("without a session, or with one that ended, the page says how to open it (no JavaScript needed), and shows no account data", async ({
  browser,
}) => {
  for (const javaScriptEnabled of [false, true]) {
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    const response = await page.goto("/retailcrm/account");
    expect(response?.status()).toBe(200);
    // Never had a session: nothing "ended", the page says where it is opened from.
    await expect(page.getByRole("heading", { name: "Open this page from retailCRM" })).toBeVisible();
    await expect(page.getByTestId("system-url")).toHaveCount(0);
    if (javaScriptEnabled) {
      await expectAccessible(page);
      await page.screenshot({ path: "e2e/.artifacts/retailcrm-account-no-session.png", fullPage: true });
    }

    // A session that is no longer valid has ended.
    await context.addCookies([{ name: accountCookieName(appUrl), value: "expired-or-unknown-token", url: appUrl }]);
    await page.goto("/retailcrm/account");
    await expect(page.getByRole("heading", { name: "Your session has ended" })).toBeVisible();
    await expect(page.getByTestId("system-url")).toHaveCount(0);
    await context.close();
  }
});

test("an unknown clientId gets a 404 page that needs no JavaScript", async ({ request }) => {
  const response = await request.post("/retailcrm/account", { form: { clientId: "not-a-client" }, maxRedirects: 0 });
  expect(response.status()).toBe(404);
  const html = await response.text();
  expect(html).toContain('data-error-code="not_found"');
  expect(html).not.toContain("<script");
});
