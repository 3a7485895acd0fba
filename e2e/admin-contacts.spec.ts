// Finding contacts: search by name, filter by kind and source, page through, open one.
import { test, expect } from "./fixtures/admin";

test.describe("contacts", () => {
  test.beforeEach(async ({ signedIn }) => void signedIn);

  test("searches names, emails and phones, accents and case folded, best matches first", async ({
    page,
    consoleErrors,
  }) => {
    await page.goto("/admin/contacts");
    await page.getByLabel("Search", { exact: true }).fill("ELODIE");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/q=ELODIE/);
    const names = page.getByTestId("contacts-table").locator("tbody tr td:first-child a");
    await expect(names).toHaveText(["Élodie Brown", "Élodie Tanaka"]);
    await expect(page.getByTestId("contacts-summary")).toHaveText("2 contacts match.");
    // By email, and by phone number however it is written.
    await page.getByLabel("Search", { exact: true }).fill("jane.doe0@example.com");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(names).toHaveText(["Jane Doe"]);
    await page.getByLabel("Search", { exact: true }).fill("+91 98020-00000");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(names.first()).toHaveText("Jane Doe");
    // Filters apply to the matches.
    await page.goto("/admin/contacts?q=acme&kind=person");
    await expect(names).not.toContainText(["Acme Real Estate"]);
    await page.goto("/admin/contacts?q=acme&kind=company");
    await expect(names).toHaveText(["Acme Real Estate"]);
    expect(consoleErrors).toEqual([]);
  });

  test("filters by kind and by source", async ({ page }) => {
    await page.goto("/admin/contacts");
    await page.getByLabel("Kind").selectOption("company");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page.getByTestId("contacts-summary")).toHaveText("10 contacts match.");
    await expect(page.getByTestId("contacts-table").locator("tbody tr")).toHaveCount(10);
    await page.getByLabel("Source").selectOption("socialsignin");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page.getByText("No contacts match this search.")).toBeVisible();
    await page.getByLabel("Kind").selectOption("");
    await page.getByLabel("Source").selectOption("demo");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page.getByTestId("contacts-summary")).toHaveText("60 contacts match.");
  });

  test("pages forwards and back by keyset", async ({ page }) => {
    // The demo data: exactly 60 contacts, whatever other tests add.
    await page.goto("/admin/contacts?source=demo");
    const rows = page.getByTestId("contacts-table").locator("tbody tr");
    await expect(rows).toHaveCount(50);
    const firstName = await rows.first().locator("a").innerText();
    const lastOfFirst = await rows.last().locator("a").innerText();
    await expect(page.getByRole("link", { name: "← Previous" })).toHaveCount(0);
    await page.getByRole("link", { name: "Next →" }).click();
    await expect(page).toHaveURL(/after=/);
    await expect(rows).toHaveCount(10);
    expect(
      (await rows.first().locator("a").innerText()).localeCompare(lastOfFirst, "en", { sensitivity: "base" }),
    ).toBeGreaterThanOrEqual(0);
    await expect(page.getByRole("link", { name: "Next →" })).toHaveCount(0);
    await page.getByRole("link", { name: "← Previous" }).click();
    await expect(page).toHaveURL(/before=/);
    await expect(rows).toHaveCount(50);
    await expect(rows.first().locator("a")).toHaveText(firstName);
    await expect(page.getByRole("link", { name: "← Previous" })).toHaveCount(0);
  });

  test("opens a contact with everything known about it", async ({ page, consoleErrors }) => {
    await page.goto("/admin/contacts?q=jane");
    await page.getByRole("link", { name: "Jane Doe" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Jane Doe" })).toBeVisible();
    const details = page.getByRole("complementary", { name: "Contact details" });
    await expect(details.getByRole("link", { name: "jane.doe0@example.com" })).toHaveAttribute(
      "href",
      "mailto:jane.doe0@example.com",
    );
    await expect(details.getByRole("link", { name: "+91 9802000000" })).toBeVisible();
    await expect(details.getByText("Demo data")).toBeVisible();
    await expect(page.getByRole("heading", { name: "Leads" })).toBeVisible();
    await expect(page.getByText("Skyline Residency")).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: /Notes/ })).toBeVisible();
    // Her company is one click away, and lists her among its people.
    await page.getByRole("link", { name: "Acme Real Estate" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Acme Real Estate" })).toBeVisible();
    await expect(page.getByText("$50,000,000")).toBeVisible();
    await expect(page.getByRole("link", { name: "Jane Doe" })).toBeVisible();
    expect(consoleErrors).toEqual([]);
  });

  test("an unknown contact is a 404 page inside the admin frame", async ({ page }) => {
    const response = await page.goto("/admin/contacts/no-such-contact");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "No such contact" })).toBeVisible();
    await expect(
      page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Contacts" }),
    ).toHaveAttribute("aria-current", "page");
    await page.getByRole("link", { name: "Back to contacts" }).click();
    await expect(page).toHaveURL(/\/admin\/contacts$/);
  });
});
