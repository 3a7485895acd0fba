import { spawn } from "node:child_process";
import { test, expect } from "@playwright/test";
import { e2ePort, testSecrets } from "@/tests/support/test-config";

/** Starts the production server with this environment; resolves with its exit code and output. */
function startServer(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      "node",
      ["node_modules/next/dist/bin/next", "start", "-H", "127.0.0.1", "-p", String(e2ePort + 9)],
      {
        env: { PATH: process.env.PATH ?? "", NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", ...env },
      },
    );
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

test("a malformed variable stops start-up with a message naming it, and never prints a secret", async () => {
  const { code, output } = await startServer({
    SESSION_SECRET: testSecrets.SESSION_SECRET,
    SURESEND_WIDGET_SECRET: "not-hex-but-secret-value",
    SURESEND_FRAME_ANCESTORS: "https://app.suresend.ai; script-src *",
    HOUSING_WINDOW_SECONDS: "ten",
  });
  expect(code).toBe(1);
  expect(output).toContain("SURESEND_WIDGET_SECRET: must be 64 hexadecimal characters");
  expect(output).toContain("SURESEND_FRAME_ANCESTORS:");
  expect(output).toContain("HOUSING_WINDOW_SECONDS: must be a whole number");
  expect(output).not.toContain("not-hex-but-secret-value");
});

test("production refuses to start without SESSION_SECRET", async () => {
  const { code, output } = await startServer({});
  expect(code).toBe(1);
  expect(output).toContain("SESSION_SECRET: required in production");
});
