// Notes on the contact page: add (with a validation error first), edit, delete and
// undo, a conflict between two pages, and a session that ended while a page was open.
import type { Page } from "@playwright/test";
import { test, expect, signInByRequest } from "./fixtures/admin";
import { lookAt } from "./fixtures/screens";

/** Each test works on its own demo contact, so tests do not see each other's notes. */
async function openContact(page: Page, name: string) {
  await page.goto(`/admin/contacts?q=${encodeURIComponent(name)}`);
  await page.getByTestId("contacts-table").getByRole("link", { name }).first().click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  return page.url();
}

const notes = (page: Page) => page.getByTestId("notes").getByTestId("note");

// Some states are also looked at in four screen settings (lookAt), which takes a while.
test.describe.configure({ timeout: 90_000 });

test.describe("notes", () => {
  test.beforeEach(async ({ signedIn }) => void signedIn);

  test("add, edit, delete and undo", async ({ page, consoleErrors }) => {
    await openContact(page, "Kenji Kim");
    const composer = page.getByTestId("note-composer");
    const before = await notes(page).count();

    // An empty note is refused beside the field, and nothing is added.
    await composer.getByRole("button", { name: "Add note" }).click();
    const text = composer.getByLabel("New note");
    await expect(text).toHaveAttribute("aria-invalid", "true");
    await expect(text).toHaveAccessibleDescription("Write something before saving.");
    await expect(notes(page)).toHaveCount(before);

    // Added: first in the list, with its author and time; the form is cleared.
    await text.fill("Called Kenji.\nWants a 2BHK near the metro.");
    await composer.getByRole("button", { name: "Add note" }).click();
    await expect(notes(page)).toHaveCount(before + 1);
    const note = notes(page).first();
    await expect(note).toContainText("Called Kenji.");
    await expect(note).toContainText("e2e-staff@example.com");
    await expect(note.locator("time")).toHaveCount(1);
    await expect(composer.getByLabel("New note")).toHaveValue("");
    // Each message belongs to the action that caused it, and the next action replaces it.
    const status = page.getByTestId("note-activity");
    await expect(status).toHaveText("Note added.");

    // Edited in place.
    await note.getByRole("button", { name: "Edit" }).click();
    const editor = notes(page).first().getByLabel("Note text");
    await expect(editor).toBeFocused();
    await editor.fill("Called Kenji. Wants a 3BHK now.");
    await notes(page).first().getByRole("button", { name: "Save" }).click();
    await expect(notes(page).first()).toContainText("Called Kenji. Wants a 3BHK now.");
    await expect(notes(page).first()).toContainText("edited");
    await expect(status).toHaveText("Note saved.");

    // An edit that empties the note is refused beside the field.
    await notes(page).first().getByRole("button", { name: "Edit" }).click();
    await notes(page).first().getByLabel("Note text").fill("   ");
    await notes(page).first().getByRole("button", { name: "Save" }).click();
    await expect(notes(page).first().getByLabel("Note text")).toHaveAccessibleDescription(
      "Write something before saving.",
    );
    await notes(page).first().getByRole("button", { name: "Cancel" }).click();
    await expect(notes(page).first()).toContainText("Called Kenji. Wants a 3BHK now.");

    // Deleted, then brought back with Undo.
    await notes(page).first().getByRole("button", { name: "Delete" }).click();
    const deleted = page.getByTestId("deleted-note");
    await expect(deleted).toContainText("deleted at");
    await expect(status).toHaveText("");
    await lookAt(page, "note-deleted");
    await expect(notes(page)).toHaveCount(before);
    await deleted.getByRole("button", { name: "Undo" }).click();
    await expect(page.getByTestId("deleted-note")).toHaveCount(0);
    await expect(notes(page).first()).toContainText("Called Kenji. Wants a 3BHK now.");
    await expect(status).toHaveText("Note restored.");

    // Every change is in the audit trail, shown on the dashboard.
    await page.goto("/admin");
    const activity = page.getByRole("region", { name: "Recent note changes" });
    await expect(activity.getByRole("listitem").first()).toContainText("restored a note on Kenji Kim");
    await expect(activity).toContainText("deleted a note on Kenji Kim");
    await expect(activity).toContainText("edited a note on Kenji Kim");
    await expect(activity).toContainText("added a note on Kenji Kim");
    expect(consoleErrors).toEqual([]);
  });

  test("saving over a newer version shows both texts instead of overwriting", async ({ page, context }) => {
    const url = await openContact(page, "Hana Rossi");
    await page.getByTestId("note-composer").getByLabel("New note").fill("Budget 1.2 crore.");
    await page.getByTestId("note-composer").getByRole("button", { name: "Add note" }).click();
    await expect(notes(page).first()).toContainText("Budget 1.2 crore.");

    // A second page (a colleague, or another tab) opens the same note.
    const other = await context.newPage();
    await other.goto(url);
    await notes(other).first().getByRole("button", { name: "Edit" }).click();

    // The first page saves a change.
    await notes(page).first().getByRole("button", { name: "Edit" }).click();
    await notes(page).first().getByLabel("Note text").fill("Budget 1.5 crore after the bank call.");
    await notes(page).first().getByRole("button", { name: "Save" }).click();
    await expect(notes(page).first()).toContainText("Budget 1.5 crore after the bank call.");

    // The second page, still on the old version, saves too: a conflict, not an overwrite.
    await notes(other).first().getByLabel("Note text").fill("Budget 1.2 crore, flexible.");
    await notes(other).first().getByRole("button", { name: "Save" }).click();
    const conflict = other.getByTestId("note-conflict");
    await expect(conflict).toBeVisible();
    await expect(conflict.getByTestId("conflict-theirs")).toHaveText("Budget 1.5 crore after the bank call.");
    await expect(conflict.getByTestId("conflict-mine")).toHaveText("Budget 1.2 crore, flexible.");
    await lookAt(other, "note-conflict");
    await page.reload();
    await expect(notes(page).first()).toContainText("Budget 1.5 crore after the bank call.");

    // The second author decides to keep their text, knowingly.
    await conflict.getByRole("button", { name: "Save my text instead" }).click();
    await expect(other.getByTestId("note-conflict")).toHaveCount(0);
    await expect(notes(other).first()).toContainText("Budget 1.2 crore, flexible.");
    await page.reload();
    await expect(notes(page).first()).toContainText("Budget 1.2 crore, flexible.");
    await other.close();
  });

  test("a change sent after the session ended is refused and nothing is saved", async ({ page, context, baseURL }) => {
    await openContact(page, "Omar Wei");
    const before = await notes(page).count();
    // The session ends elsewhere (another tab signs out).
    const other = await context.newPage();
    await other.goto("/admin");
    await other.getByRole("button", { name: "Sign out" }).click();
    await expect(other).toHaveURL(/signedOut=1/);
    await other.close();

    await page.getByTestId("note-composer").getByLabel("New note").fill("This should not be saved.");
    const answer = page.waitForResponse(
      (r) => r.request().method() === "POST" && r.request().headers()["next-action"] !== undefined,
    );
    await page.getByTestId("note-composer").getByRole("button", { name: "Add note" }).click();
    expect((await answer).status()).toBe(401);
    // The page then finds itself without a session and goes to the sign-in page.
    await expect(page.getByRole("heading", { level: 1, name: "Sign in to CRM Bridge" })).toBeVisible();

    await signInByRequest(page.request, baseURL!);
    await openContact(page, "Omar Wei");
    await expect(notes(page)).toHaveCount(before);
    await expect(page.getByText("This should not be saved.")).toHaveCount(0);
  });
});
