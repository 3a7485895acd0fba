// The server the end-to-end tests run against: a fresh migrated database with the demo
// data and a staff user, a production build, and `next start` with the test secrets.
// Playwright starts it (playwright.config.ts) and stops it with SIGTERM.
import { spawn, spawnSync } from "node:child_process";
import { createTestDatabase } from "@/tests/support/test-database";
import { allowedParentPort, e2ePort, testSecrets } from "@/tests/support/test-config";
import { createDb } from "@/lib/db/client";
import { seedDemoData } from "@/lib/demo/seed";
import { upsertStaffUser } from "@/lib/db/staff-users";
import { startHousingFake } from "@/tests/fakes/housing-server";
import { startFakeCrmcom } from "@/tests/fakes/crmcom-server";
import { e2eStaff, lockoutStaff } from "./fixtures/staff";
import { e2eHousing } from "./fixtures/housing";
import { e2eCrmcom } from "./fixtures/crmcom";

const database = await createTestDatabase();
const client = createDb(database.url);
const staff = await upsertStaffUser(e2eStaff.email, e2eStaff.password, client);
await upsertStaffUser(lockoutStaff.email, lockoutStaff.password, client);
await seedDemoData(client, staff.id);
await client.$disconnect();

// A fake Housing.com with a few days of leads, so the admin Sync page's "Run now" runs
// the real connector. It only runs when asked (no HOUSING_POLL_SECONDS).
const nowSeconds = Math.floor(Date.now() / 1000);
const housing = await startHousingFake({
  port: e2eHousing.port,
  clients: { [e2eHousing.clientId]: e2eHousing.apiKey },
  generated: {
    count: e2eHousing.leads,
    from: nowSeconds - 3 * 86_400,
    to: nowSeconds - 60,
    projectId: 777,
    phoneBase: 700_000,
  },
});

// A fake CRM.COM Back-Office, signed into as a user (JWT), for the CRM.COM connector's "Run now".
const crmcom = await startFakeCrmcom({
  generated: { count: e2eCrmcom.contacts, invalidEvery: e2eCrmcom.invalidEvery },
  users: [{ username: e2eCrmcom.username, password: e2eCrmcom.password }],
});

const serverEnv: NodeJS.ProcessEnv = {
  ...process.env,
  ...testSecrets,
  NODE_ENV: "production" as const,
  NEXT_TELEMETRY_DISABLED: "1",
  DATABASE_URL: database.url,
  PORT: String(e2ePort),
  APP_BASE_URL: `http://127.0.0.1:${e2ePort}`,
  SURESEND_FRAME_ANCESTORS: `http://127.0.0.1:${allowedParentPort}`,
  SOCIALSIGNIN_FRAME_ANCESTORS: `http://127.0.0.1:${allowedParentPort}`,
  HOUSING_API_URL: housing.url,
  HOUSING_CLIENT_ID: e2eHousing.clientId,
  HOUSING_API_KEY: e2eHousing.apiKey,
  // A page smaller than a day's leads, so a run splits full windows as a busy account's would.
  HOUSING_PAGE_SIZE: String(e2eHousing.pageSize),
  CRMCOM_API_URL: crmcom.url,
  CRMCOM_USERNAME: e2eCrmcom.username,
  CRMCOM_PASSWORD: e2eCrmcom.password,
};

if (process.env.E2E_SKIP_BUILD !== "1") {
  const build = spawnSync("npx", ["next", "build"], { stdio: "inherit", env: serverEnv });
  if (build.status !== 0) {
    await housing.close();
    await crmcom.close();
    await database.drop();
    process.exit(build.status ?? 1);
  }
}

const server = spawn("node", ["node_modules/next/dist/bin/next", "start", "-H", "127.0.0.1", "-p", String(e2ePort)], {
  stdio: "inherit",
  env: serverEnv,
});

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  server.kill("SIGTERM");
  await housing.close().catch(() => {});
  await crmcom.close().catch(() => {});
  await database.drop().catch(() => {});
  process.exit(code);
}
process.on("SIGTERM", () => void stop(0));
process.on("SIGINT", () => void stop(0));
server.on("exit", (code) => void stop(code ?? 1));
