import { defineConfig } from "@playwright/test";
import { e2ePort } from "./tests/support/test-config";

const baseURL = `http://127.0.0.1:${e2ePort}`;

export default defineConfig({
  testDir: "e2e",
  // Maps "server-only" to an empty module for the specs (they import signing and seeding modules).
  tsconfig: "./tsconfig.playwright.json",
  outputDir: "e2e/.artifacts/results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? "list" : [["list"]],
  timeout: 30_000,
  use: {
    baseURL,
    browserName: "chromium",
    trace: "retain-on-failure",
    launchOptions: {
      // Debian's Chromium; Playwright's own browser download does not work offline.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  webServer: {
    command: "npx tsx --conditions=react-server e2e/server.ts",
    url: `${baseURL}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
  },
});
