// The Connections page as an operator uses it: why a host's request was refused (with the
// exact text that was checked), which key verified the latest good request while keys
// are rotated, signed test links that open the widget, and connected retailCRM accounts.
import { test, expect } from "./fixtures/admin";
import { testSecrets, e2ePort } from "@/tests/support/test-config";
import { signSureSendContext } from "@/lib/integrations/suresend/sign";
import { signedContextText } from "@/lib/integrations/suresend/verify";
import { samplePersonContext } from "@/lib/integrations/suresend/sample-contexts";
import { startFakeRetailCrm } from "@/tests/fakes/retailcrm-server";
import { tokenFor } from "@/tests/support/retailcrm";

const widget = (signed: { context: string; signature: string }) =>
  `/widgets/suresend?context=${encodeURIComponent(signed.context)}&signature=${signed.signature}`;

test.describe("connections", () => {
  test.beforeEach(async ({ signedIn }) => void signedIn);

  test("shows refused requests with the text that was checked, and which key verified the latest good one", async ({
    page,
    request,
  }) => {
    // A host signs with a wrong key: refused, and recorded.
    const wrong = signSureSendContext(samplePersonContext(), "f".repeat(64));
    expect((await request.get(widget(wrong))).status()).toBe(403);
    await page.goto("/admin/connections");
    const suresend = page.getByTestId("integration-suresend");
    const failure = suresend.getByTestId("failures-suresend").getByRole("listitem").filter({ hasText: wrong.context });
    await expect(failure.locator("code")).toHaveText("bad_signature");
    await expect(failure.locator("pre")).toHaveText(signedContextText(wrong.context));
    await expect(suresend).not.toContainText(testSecrets.SURESEND_WIDGET_SECRET);

    // A host still on the previous key: the page says to keep it.
    const previous = signSureSendContext(samplePersonContext(), testSecrets.SURESEND_WIDGET_SECRET_PREVIOUS);
    expect((await request.get(widget(previous))).status()).toBe(200);
    await page.reload();
    await expect(suresend.getByTestId("key-use-suresend")).toContainText("Previous key");
    await expect(suresend.getByTestId("key-use-suresend")).toContainText("SURESEND_WIDGET_SECRET_PREVIOUS");
    await expect(suresend).toContainText(
      "A host still signs with the previous key, so keep SURESEND_WIDGET_SECRET_PREVIOUS for now.",
    );

    // Every host moved to the current key: the previous one can go.
    const current = signSureSendContext(samplePersonContext(), testSecrets.SURESEND_WIDGET_SECRET);
    expect((await request.get(widget(current))).status()).toBe(200);
    await page.reload();
    await expect(suresend.getByTestId("key-use-suresend")).toContainText("Current key");
    await expect(suresend).toContainText("SURESEND_WIDGET_SECRET_PREVIOUS can be removed");
  });

  test("signed test links open the widget", async ({ page, context }) => {
    await page.goto("/admin/connections");
    const link = page.getByTestId("integration-suresend").getByRole("link", { name: /Sure Send person widget/ });
    const [widgetPage] = await Promise.all([context.waitForEvent("page"), link.click()]);
    const person = samplePersonContext().person;
    await expect(widgetPage.getByRole("heading", { level: 1 })).toHaveText(`${person.firstName} ${person.lastName}`);
    await expect(widgetPage.getByTestId("crm-record")).toBeVisible();
  });

  test("SocialSignIn's signed test links search for a real contact and open its iframe", async ({
    page,
    context,
    request,
  }) => {
    await page.goto("/admin/connections");
    const card = page.getByTestId("integration-socialsignin");
    const iframeLink = card.getByRole("link", { name: /^SocialSignIn iframe of / });
    const name = /^SocialSignIn iframe of (.+) \(valid 24 h\)$/.exec((await iframeLink.innerText()).trim())?.[1];
    expect(name).toBeTruthy();
    const [iframePage] = await Promise.all([context.waitForEvent("page"), iframeLink.click()]);
    await expect(iframePage.getByRole("heading", { level: 1 })).toHaveText(name!);
    const contactId = new URL(iframePage.url()).searchParams.get("id");

    const searchUrl = await card
      .getByRole("link", { name: `SocialSignIn search for “${name}” (JSON, valid 24 h)` })
      .getAttribute("href");
    const search = await request.get(searchUrl!);
    expect(search.status()).toBe(200);
    expect(((await search.json()) as { results: unknown[] }).results[0]).toEqual({ id: contactId, name });
  });

  test("lists the retailCRM accounts that connected the module", async ({ page, request }) => {
    const apiKey = "AdminConnectionsKey0123456789";
    const fake = await startFakeRetailCrm({ apiKeys: [apiKey] });
    try {
      const answer = await request.post(`http://127.0.0.1:${e2ePort}/api/retailcrm/register`, {
        form: { register: JSON.stringify({ systemUrl: fake.url, apiKey, token: tokenFor(apiKey) }) },
      });
      expect(((await answer.json()) as { success: boolean }).success).toBe(true);
      await page.goto("/admin/connections");
      const account = page.getByTestId("retailcrm-accounts").getByRole("listitem").filter({ hasText: fake.url });
      await expect(account).toContainText("Active");
      await expect(account).toContainText("connected");
      await expect(page.getByTestId("integration-retailcrm")).not.toContainText(apiKey);
    } finally {
      await fake.close();
    }
  });
});
