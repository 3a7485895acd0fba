// Contract section 8 in a real browser without JavaScript, against a second production
// server whose database the spec takes away and locks (tests/support/outage-database.ts):
// the widget still shows its signed context with a visible "unavailable" notice, the
// iframe answers its small 503 page, and both come back by themselves.
import { spawn, type ChildProcess } from "node:child_process";
import { test, expect } from "@playwright/test";
import { createDb } from "@/lib/db/client";
import { seedDemoData } from "@/lib/demo/seed";
import { signSureSendContext } from "@/lib/integrations/suresend/sign";
import { samplePersonContext } from "@/lib/integrations/suresend/sample-contexts";
import { signSocialSignInQuery } from "@/lib/integrations/socialsignin/sign";
import { e2ePort, testSecrets } from "@/tests/support/test-config";
import { createOutageDatabase, type OutageDatabase } from "@/tests/support/outage-database";

const port = e2ePort + 8;
const base = `http://127.0.0.1:${port}`;
let outage: OutageDatabase;
let server: ChildProcess;

const widgetUrl = () => {
  const signed = signSureSendContext(samplePersonContext(), testSecrets.SURESEND_WIDGET_SECRET);
  return `${base}/widgets/suresend?${new URLSearchParams({ context: signed.context, signature: signed.signature })}`;
};
const iframeUrl = (id: string) =>
  `${base}/socialsignin/iframe?${signSocialSignInQuery(
    [
      ["id", id],
      ["expires", String(Math.floor(Date.now() / 1000) + 300)],
    ],
    testSecrets.SOCIALSIGNIN_SECRET,
  )}`;

test.describe.configure({ mode: "serial" });
test.use({ javaScriptEnabled: false });

test.beforeAll(async () => {
  outage = await createOutageDatabase();
  const client = createDb(outage.directUrl);
  await seedDemoData(client, null);
  await client.$disconnect();
  // Stopped before the server starts: on SQLite an open file cannot be taken away.
  await outage.stop();
  server = spawn("node", ["node_modules/next/dist/bin/next", "start", "-H", "127.0.0.1", "-p", String(port)], {
    stdio: "inherit",
    env: {
      ...process.env,
      ...testSecrets,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: outage.url,
      PORT: String(port),
      APP_BASE_URL: base,
    },
  });
  await expect
    .poll(async () => (await fetch(`${base}/api/health`).catch(() => null))?.status ?? 0, { timeout: 30_000 })
    .toBe(503);
});

test.afterAll(async () => {
  server?.kill("SIGTERM");
  await outage?.drop();
});

test("database stopped: the widget shows the verified context and a visible unavailable notice", async ({ page }) => {
  const context = samplePersonContext();
  const response = await page.goto(widgetUrl());
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    `${context.person.firstName} ${context.person.lastName}`,
  );
  await expect(page.getByRole("link", { name: context.person.emails[0]!.email })).toBeVisible();
  const notice = page.locator('[data-error-code="unavailable"]');
  await expect(notice).toBeVisible();
  await expect(notice).toContainText("CRM Bridge data is unavailable right now");
  await expect(page.getByTestId("crm-record")).toHaveCount(0);
});

test("database stopped: the iframe answers its 503 page and the search 503 unavailable", async ({ page, request }) => {
  const response = await page.goto(iframeUrl("any-id"));
  expect(response?.status()).toBe(503);
  expect(response!.headers()["content-security-policy"]).toContain("frame-ancestors https://app.socialsignin.net");
  expect(response!.headers()["cache-control"]).toBe("no-store");
  await expect(page.locator('main[data-error-code="unavailable"]')).toBeVisible();
  await expect(page.locator("main")).toContainText("unavailable right now");
  const searched = await request.get(
    `${base}/api/socialsignin/search?${signSocialSignInQuery(
      [
        ["q", "priya"],
        ["expires", String(Math.floor(Date.now() / 1000) + 300)],
      ],
      testSecrets.SOCIALSIGNIN_SECRET,
    )}`,
  );
  expect(searched.status()).toBe(503);
  expect(((await searched.json()) as { error: { code: string } }).error.code).toBe("unavailable");
});

test("database back: the same widget shows the CRM Bridge record, with no restart", async ({ page }) => {
  await outage.start();
  await page.goto(widgetUrl());
  await expect(page.getByTestId("crm-record")).toBeVisible();
  await expect(page.locator('[data-error-code="unavailable"]')).toHaveCount(0);
});

test("a lock held by another connection: the widget still answers with its context within 2 s", async ({ page }) => {
  const release = await outage.lock();
  try {
    const started = Date.now();
    const response = await page.goto(widgetUrl());
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(Date.now() - started).toBeLessThan(2000);
  } finally {
    await release();
  }
});
