// npm run user:create, run as a real command: it says whether it created a user or reset
// an existing user's password.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { useOwnDatabase } from "@/tests/support/own-database";
import { findStaffUserByEmail } from "@/lib/db/staff-users";
import { verifyPassword } from "@/lib/auth/password";

const database = useOwnDatabase();

function run(email: string, password: string) {
  const result = spawnSync(
    "node_modules/.bin/tsx",
    ["--conditions=react-server", "scripts/user-create.ts", "--email", email],
    {
      encoding: "utf8",
      input: `${password}\n`,
      env: { ...process.env, DATABASE_URL: database.url },
    },
  );
  return { status: result.status, stdout: result.stdout.trim(), stderr: result.stderr };
}

describe("npm run user:create", () => {
  it("creates a user, then says it reset the password of the one that exists", async () => {
    const created = run("Ops@Example.com", "first-password-123");
    expect(created).toMatchObject({ status: 0, stdout: "staff user ops@example.com created" });
    const reset = run("ops@example.com", "second-password-456");
    expect(reset).toMatchObject({ status: 0, stdout: "staff user ops@example.com exists: its password was reset" });
    const user = await findStaffUserByEmail("ops@example.com", database.client);
    expect(await verifyPassword("second-password-456", user!.passwordHash)).toBe(true);
  }, 60_000);
});
