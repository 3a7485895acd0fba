// The CRM.COM connector on the Sync page: "Run now" runs the real connector in the built
// app against the fake Back-Office e2e/server.ts serves (user sign-in); the run shows its
// counts and the records it could not import, never the password; the people it brought
// are contacts with their CRM.COM reference.
import { test, expect } from "./fixtures/admin";
import { e2eCrmcom } from "./fixtures/crmcom";
import { runCount, runNowUntilSucceeded } from "./fixtures/sync";

test.describe.configure({ timeout: 90_000 });

test.describe("CRM.COM sync", () => {
  test.beforeEach(async ({ signedIn }) => void signedIn);

  test("runs the CRM.COM connector now and shows what the run did", async ({ page, consoleErrors }) => {
    await page.goto("/admin/sync");
    await expect(page.getByTestId("connector-crmcom")).toContainText("Configured");
    const run = await runNowUntilSucceeded(page, "crmcom", "CRM.COM");
    const count = (label: string) => runCount(run, label);
    const invalid = e2eCrmcom.contacts / e2eCrmcom.invalidEvery;
    await expect(count("pages")).toHaveText("1");
    await expect(count("fetched")).toHaveText(String(e2eCrmcom.contacts));
    await expect(count("created")).toHaveText(String(e2eCrmcom.contacts - invalid));
    await expect(count("invalid")).toHaveText(String(invalid));
    await expect(run.getByTestId("run-error")).toContainText(`${invalid} records not imported:`);
    await expect(run.getByTestId("run-error")).toContainText(
      "00000000-0000-4000-8000-000000000009: email_address: Invalid email address",
    );
    expect(await page.content()).not.toContain(e2eCrmcom.password);

    // A CRM.COM person is a contact now, found by the search, with its CRM.COM reference.
    await page.goto("/admin/contacts?q=First0000001");
    await page.getByTestId("contacts-table").getByRole("link").first().click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("First0000001 Generated");
    await expect(page.getByText("contact0000001@example.com")).toBeVisible();
    const references = page
      .getByRole("region", { name: "In other systems" })
      .or(page.locator("section", { hasText: "In other systems" }));
    await expect(references.first()).toContainText("CRM.COM");
    await expect(references.first()).toContainText("00000000-0000-4000-8000-000000000001");
    expect(consoleErrors).toEqual([]);
  });
});
