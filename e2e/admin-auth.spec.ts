// Signing in and out through the sign-in page, the session cookie, and the headers
// every admin response carries.
import { test, expect } from "./fixtures/admin";
import { e2eStaff } from "./fixtures/staff";

/** Chromium logs a fetch answered with 4xx as a console error; that one is expected here. */
const unexpected = (errors: string[]) =>
  errors.filter((e) => !/Failed to load resource: the server responded with a status of 401/.test(e));

test("signs in through the form, back to the page asked for, and signs out", async ({ page, consoleErrors }) => {
  await page.goto("/admin/contacts?q=jane");
  await expect(page).toHaveURL(/\/admin\/login\?next=%2Fadmin%2Fcontacts%3Fq%3Djane$/);
  await expect(page.getByRole("heading", { level: 1, name: "Sign in to CRM Bridge" })).toBeVisible();

  await page.getByLabel("Email").fill(e2eStaff.email);
  await page.getByLabel("Password").fill("not-the-password");
  const refused = page.waitForResponse((r) => r.url().endsWith("/admin/login/session"));
  await page.getByRole("button", { name: "Sign in" }).click();
  expect((await refused).status()).toBe(401);
  await expect(page.getByTestId("sign-in-error")).toHaveText("That email and password do not match an account.");

  await page.getByLabel("Password").fill(e2eStaff.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/admin\/contacts\?q=jane$/);
  await expect(page.getByRole("heading", { level: 1, name: "Contacts" })).toBeVisible();

  const cookie = (await page.context().cookies()).find((c) => c.name === "crm_bridge_session");
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: false, path: "/" });
  expect(cookie?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/admin\/login\?signedOut=1$/);
  await expect(page.getByText("You have signed out.")).toBeVisible();
  // The old cookie value no longer signs anyone in.
  await page.context().addCookies([{ name: "crm_bridge_session", value: cookie!.value, url: page.url() }]);
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/admin\/login/);
  expect(unexpected(consoleErrors)).toEqual([]);
});

test("field errors show beside their fields", async ({ page }) => {
  await page.goto("/admin/login");
  await page.getByLabel("Email").fill("not an email");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Email")).toHaveAccessibleDescription("Enter a valid email address.");
  await expect(page.getByLabel("Password")).toHaveAccessibleDescription("Enter your password.");
});

test("a crafted return address cannot send a signed-in user elsewhere", async ({ page }) => {
  await page.goto(`/admin/login?next=${encodeURIComponent("https://evil.example/admin")}`);
  await page.getByLabel("Email").fill(e2eStaff.email);
  await page.getByLabel("Password").fill(e2eStaff.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/admin$/);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("signing in, adding, deleting and restoring a note, and signing out still work", async ({ page }) => {
    await page.goto("/admin/login");
    await page.getByLabel("Email").fill(e2eStaff.email);
    await page.getByLabel("Password").fill("wrong-password-again");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/admin\/login\?error=unauthorized$/);
    await expect(page.getByTestId("sign-in-error")).toHaveText("That email and password do not match an account.");
    await page.getByLabel("Email").fill(e2eStaff.email);
    await page.getByLabel("Password").fill(e2eStaff.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/admin$/);
    // Search is a plain form; the notes' add, delete and undo are forms too.
    await page.goto("/admin/contacts");
    await page.getByLabel("Search", { exact: true }).fill("Freya Patel");
    await page.getByRole("button", { name: "Search" }).click();
    await page.getByRole("link", { name: "Freya Patel" }).click();
    await page.getByLabel("New note").fill("Written without scripts.");
    await page.getByRole("button", { name: "Add note" }).click();
    const note = page.getByTestId("note").filter({ hasText: "Written without scripts." });
    await expect(note).toHaveCount(1);
    await note.getByRole("button", { name: "Delete" }).click();
    await expect(page.getByTestId("deleted-note")).toHaveCount(1);
    await page.getByTestId("deleted-note").getByRole("button", { name: "Undo" }).click();
    await expect(page.getByTestId("note").filter({ hasText: "Written without scripts." })).toHaveCount(1);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/admin\/login\?signedOut=1$/);
  });
});

test("every admin response forbids framing and carries a script nonce", async ({ page, signedIn, baseURL }) => {
  void signedIn;
  for (const path of [
    "/admin",
    "/admin/contacts",
    "/admin/connections",
    "/admin/sync",
    "/admin/login",
    "/admin/no-such-page",
  ]) {
    const response = await page.request.get(path, { maxRedirects: 0 });
    const csp = response.headers()["content-security-policy"] ?? "";
    expect(csp, path).toContain("frame-ancestors 'none'");
    expect(csp, path).toMatch(/script-src 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(response.headers()["x-frame-options"], path).toBe("DENY");
    expect(response.headers()["referrer-policy"], path).toBe("same-origin");
  }
  // And so do the redirects of a visitor without a session.
  const anonymous = await page.context().browser()!.newContext({ baseURL });
  const redirect = await anonymous.request.get("/admin/contacts", { maxRedirects: 0 });
  expect(redirect.status()).toBe(307);
  expect(redirect.headers()["x-frame-options"]).toBe("DENY");
  await anonymous.close();
  // The nonce is on Next.js's scripts, so pages work under the policy.
  await page.goto("/admin");
  const nonce = /'nonce-([^']+)'/.exec(
    (await page.request.get("/admin")).headers()["content-security-policy"] ?? "",
  )?.[1];
  expect(nonce).toBeTruthy();
  expect(await page.locator("script[nonce]").count()).toBeGreaterThan(0);
});

test("admin pages cannot be framed, even on an allowed widget host", async ({ page, parentPages, baseURL }) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (m.text().includes("frame-ancestors") || m.text().includes("X-Frame-Options")) violations.push(m.text());
  });
  await page.goto(parentPages.allowed(`${baseURL}/admin/login`));
  await expect.poll(() => violations.length).toBeGreaterThan(0);
  const child = page.frames().find((f) => f !== page.mainFrame());
  expect(child?.url()).toBe("chrome-error://chromewebdata/");
});
