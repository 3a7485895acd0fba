// npm run bench:retailcrm -- [--customers 10000] [--json]
// (or `node --expose-gc --import tsx --conditions=react-server scripts/bench-retailcrm-sync.ts`
// to also see the live heap as the sync goes)
// A first sync of a retailCRM account of N customers from the fake account (in a process of
// its own, its 10-requests-a-second limit on, as the platform's is) into a fresh database
// (a temporary SQLite file, or a new database on the PostgreSQL server of DATABASE_URL),
// through the real connector and its pacer; then a second sync, which reads the histories
// only. Reports time, pace, the requests refused past the limit, and memory every tenth of
// the pass: flat memory means the sync keeps one page at a time, whatever the account's size.
import "./load-env";
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { createDb } from "@/lib/db/client";
import { engineOf } from "@/lib/db/client-url";
import { loadEnv } from "@/lib/env";
import { runConnector } from "@/lib/connectors/run";
import { saveRetailCrmConnection } from "@/lib/db/retailcrm-connections";
import { sealApiKey } from "@/lib/integrations/retailcrm/api-key-box";
import { retailcrmAccountConnectors } from "@/lib/integrations/retailcrm/customers/accounts";
import { createTestDatabase } from "@/tests/support/test-database";
import { testSecrets } from "@/tests/support/test-config";

const { values } = parseArgs({
  options: { customers: { type: "string", default: "10000" }, json: { type: "boolean", default: false } },
});
const count = Number(values.customers);
if (!Number.isSafeInteger(count) || count < 1) {
  console.error("usage: npm run bench:retailcrm -- [--customers N] [--json]");
  process.exit(2);
}

const mib = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const database = await createTestDatabase(process.env.DATABASE_URL);
const client = createDb(database.url);
const apiKey = "bench-retailcrm-key";
const fake = spawn("node_modules/.bin/tsx", ["tests/fakes/retailcrm-server-process.ts", String(count), apiKey], {
  stdio: ["pipe", "pipe", "inherit"],
});
const answers = createInterface({ input: fake.stdout })[Symbol.asyncIterator]();
const nextAnswer = async () => JSON.parse((await answers.next()).value as string) as Record<string, number | string>;
const fakeUrl = String((await nextAnswer()).url);

const config = loadEnv({ ...testSecrets, DATABASE_URL: database.url });
await saveRetailCrmConnection(
  { systemUrl: fakeUrl, apiKeyEncrypted: sealApiKey(apiKey, fakeUrl, config.encryptionSecrets), clientId: "bench" },
  new Date(),
  client,
);

async function pass() {
  const [connector] = await retailcrmAccountConnectors(config, { client });
  const every = Math.max(1, Math.round(count / 100 / 10));
  const rss: number[] = [];
  const heap: number[] = [];
  const started = performance.now();
  const result = await runConnector(connector!, {
    client,
    onProgress: (event) => {
      if (event.type !== "unit" || event.done % every !== 0) return;
      rss.push(mib(process.memoryUsage().rss));
      const gc = (globalThis as { gc?: () => void }).gc;
      if (gc) {
        gc();
        heap.push(mib(process.memoryUsage().heapUsed));
      }
    },
  });
  return { result, seconds: (performance.now() - started) / 1000, rss, heap };
}

const rssAtStart = mib(process.memoryUsage().rss);
const first = await pass();
const second = await pass();
fake.stdin.write("stats\n");
const stats = await nextAnswer();
fake.stdin.end();
await client.$disconnect();
await database.drop();

const report = {
  engine: engineOf(database.url),
  customers: count,
  first: {
    status: first.result.status,
    seconds: Math.round(first.seconds * 10) / 10,
    customersPerSecond: Math.round(count / first.seconds),
    counts: first.result.counts,
    rssMiB: first.rss,
    liveHeapMiB: first.heap,
  },
  second: { status: second.result.status, seconds: Math.round(second.seconds * 10) / 10, counts: second.result.counts },
  requests: stats.requests,
  refusedPastLimit: stats.limited,
  rssAtStartMiB: rssAtStart,
};
if (values.json) console.log(JSON.stringify(report, null, 2));
else {
  console.log(`retailCRM first sync of ${count} customers (${report.engine}), the account's limit of 10 requests/s on`);
  console.log(
    `  first sync:  ${report.first.status} in ${report.first.seconds} s (${report.first.customersPerSecond} customers/s)`,
  );
  console.log(`  second sync: ${report.second.status} in ${report.second.seconds} s (histories only)`);
  console.log(`  requests: ${String(report.requests)}, refused past the limit: ${String(report.refusedPastLimit)}`);
  console.log(`  RSS at start ${rssAtStart} MiB; every tenth of the pass: ${first.rss.join(", ")} MiB`);
  if (first.heap.length > 0) console.log(`  live heap every tenth of the pass: ${first.heap.join(", ")} MiB`);
}
process.exit(first.result.status === "succeeded" && second.result.status === "succeeded" ? 0 : 1);
