// Failed sign-ins are limited per email and per client address (contract section 7).
// Each test claims its own client address with X-Forwarded-For (next start keeps a
// header the client sends), so the tests' own address, 127.0.0.1, is never locked.
import { test, expect } from "./fixtures/admin";
import { e2eStaff, lockoutStaff } from "./fixtures/staff";
import { lookAt } from "./fixtures/screens";

test.describe.configure({ timeout: 90_000 });

const tooMany = /^Too many failed sign-ins\. Try again in (15|14) minutes\.$/;

test("ten failures for one email lock it, even with the right password; the page says so", async ({
  playwright,
  browser,
  baseURL,
}) => {
  const api = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { "X-Forwarded-For": "203.0.113.10", Origin: baseURL!, Accept: "application/json" },
  });
  for (let i = 0; i < 10; i++) {
    const r = await api.post("/admin/login/session", { form: { email: lockoutStaff.email, password: `wrong-${i}` } });
    expect(r.status()).toBe(401);
  }
  const locked = await api.post("/admin/login/session", {
    form: { email: lockoutStaff.email, password: lockoutStaff.password },
  });
  expect(locked.status()).toBe(429);
  expect(Number(locked.headers()["retry-after"])).toBeGreaterThan(14 * 60);
  expect(await locked.json()).toEqual({ error: { code: "rate_limited", message: expect.stringMatching(tooMany) } });
  expect(locked.headers()["set-cookie"]).toBeUndefined();
  await api.dispose();

  // From another address, in the browser: the right password still gets the visible message.
  const context = await browser.newContext({ baseURL, extraHTTPHeaders: { "X-Forwarded-For": "203.0.113.11" } });
  const page = await context.newPage();
  await page.goto("/admin/login");
  await page.getByLabel("Email").fill(lockoutStaff.email);
  await page.getByLabel("Password").fill(lockoutStaff.password);
  const answer = page.waitForResponse((r) => r.url().endsWith("/admin/login/session"));
  await page.getByRole("button", { name: "Sign in" }).click();
  expect((await answer).status()).toBe(429);
  await expect(page.getByTestId("sign-in-error")).toHaveText(tooMany);
  await expect(page).toHaveURL(/\/admin\/login/);
  await lookAt(page, "login-rate-limited", { fullPage: false });
  await context.close();

  // A plain form post (no scripts) gets the same status and message.
  const plain = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { "X-Forwarded-For": "203.0.113.12", Origin: baseURL! },
  });
  const form = await plain.post("/admin/login/session", {
    form: { email: lockoutStaff.email, password: lockoutStaff.password },
    maxRedirects: 0,
  });
  expect(form.status()).toBe(429);
  expect(await form.text()).toMatch(/Too many failed sign-ins/);
  await plain.dispose();

  // The same in a browser without scripts: the small error page, styled, its CSP refusing
  // nothing on it (the browser's own "Failed to load resource" lines, for the 429 itself and
  // the favicon it looks for, are not about the page).
  const noScripts = await browser.newContext({
    baseURL,
    javaScriptEnabled: false,
    extraHTTPHeaders: { "X-Forwarded-For": "203.0.113.13" },
  });
  const bare = await noScripts.newPage();
  const messages: string[] = [];
  bare.on("console", (m) => {
    if ((m.type() === "error" || m.type() === "warning") && !m.text().startsWith("Failed to load resource")) {
      messages.push(m.text());
    }
  });
  await bare.goto("/admin/login");
  await bare.getByLabel("Email").fill(lockoutStaff.email);
  await bare.getByLabel("Password").fill(lockoutStaff.password);
  const refused = bare.waitForResponse((r) => r.url().endsWith("/admin/login/session"));
  await bare.getByRole("button", { name: "Sign in" }).click();
  expect((await refused).status()).toBe(429);
  await expect(bare.getByRole("heading", { name: "Sign-in refused" })).toBeVisible();
  await expect(bare.locator('main[data-error-code="rate_limited"]')).toContainText("Too many failed sign-ins");
  expect(await bare.locator("main").evaluate((main) => getComputedStyle(main).borderTopLeftRadius)).toBe("12px");
  await expect(bare.getByRole("link", { name: "Back to sign-in" })).toHaveAttribute("href", "/admin/login");
  expect(messages).toEqual([]);
  await noScripts.close();
});

test("ten failures from one address lock that address for every email", async ({ playwright, baseURL }) => {
  const from = (address: string) =>
    playwright.request.newContext({
      baseURL,
      extraHTTPHeaders: { "X-Forwarded-For": address, Origin: baseURL!, Accept: "application/json" },
    });
  const attacker = await from("203.0.113.20");
  for (let i = 0; i < 10; i++) {
    const r = await attacker.post("/admin/login/session", {
      form: { email: `guess-${i}@example.com`, password: "password-guess" },
    });
    expect(r.status()).toBe(401);
  }
  const locked = await attacker.post("/admin/login/session", {
    form: { email: e2eStaff.email, password: e2eStaff.password },
  });
  expect(locked.status()).toBe(429);
  await attacker.dispose();
  // The account itself is not locked: from elsewhere it signs in.
  const colleague = await from("203.0.113.21");
  expect(
    (
      await colleague.post("/admin/login/session", { form: { email: e2eStaff.email, password: e2eStaff.password } })
    ).status(),
  ).toBe(200);
  await colleague.dispose();
});

test("a sign-in posted from another site is refused", async ({ playwright, baseURL }) => {
  const api = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { Origin: "https://evil.example", Accept: "application/json" },
  });
  const r = await api.post("/admin/login/session", { form: { email: e2eStaff.email, password: e2eStaff.password } });
  expect(r.status()).toBe(403);
  expect(r.headers()["set-cookie"]).toBeUndefined();
  await api.dispose();
});
