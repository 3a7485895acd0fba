// npm run bench:housing -- [--leads 100000] [--days 10] [--window 86400] [--json]
// (or `node --expose-gc --import tsx --conditions=react-server scripts/bench-housing-import.ts`
// to also see the live heap after each window)
// Imports generated leads from the fake Housing.com (tests/fakes) into a fresh database
// (a temporary SQLite file, or a new database on the PostgreSQL server of DATABASE_URL)
// through the real connector, and reports time, throughput and peak memory. The fake
// generates leads on the fly and runs in this process, so the memory figure covers both.
// Like the real Housing.com, the fake answers at most per_page (1000) leads a request, so
// a day of 10,000 leads is split into windows that each hold fewer: the requests and
// splits that costs are reported too.
import "./load-env";
import { parseArgs } from "node:util";
import { createDb } from "@/lib/db/client";
import { engineOf } from "@/lib/db/client-url";
import { runConnector } from "@/lib/connectors/run";
import { housingConnector } from "@/lib/integrations/housing/connector";
import { startHousingFake } from "@/tests/fakes/housing-server";
import { createTestDatabase } from "@/tests/support/test-database";

const { values } = parseArgs({
  options: {
    leads: { type: "string", default: "100000" },
    days: { type: "string", default: "10" },
    window: { type: "string", default: "86400" },
    json: { type: "boolean", default: false },
  },
});
const count = Number(values.leads);
const days = Number(values.days);
const windowSeconds = Number(values.window);
if (![count, days, windowSeconds].every((n) => Number.isSafeInteger(n) && n > 0)) {
  console.error("usage: npm run bench:housing -- [--leads N] [--days D] [--window SECONDS] [--json]");
  process.exit(2);
}

const mib = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const until = Math.floor(Date.now() / 1000 / 86400) * 86400 - 1;
const from = until - days * 86400 + 1;
const database = await createTestDatabase(process.env.DATABASE_URL);
const client = createDb(database.url);
const fake = await startHousingFake({ clients: { bench: "bench-key" }, generated: { count, from, to: until } });

let peakRss = process.memoryUsage().rss;
const rssAtStart = peakRss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
const rssByWindow: number[] = [];
const heapByWindow: number[] = [];
const started = performance.now();
try {
  const result = await runConnector(
    housingConnector({
      apiUrl: fake.url,
      clientId: "bench",
      apiKey: "bench-key",
      startDate: from,
      windowSeconds,
      pageSize: 1000,
      overlapSeconds: 0,
    }),
    {
      client,
      now: () => new Date(until * 1000),
      onProgress: (event) => {
        if (event.type !== "unit") return;
        rssByWindow.push(mib(process.memoryUsage().rss));
        // With `node --expose-gc`, the live heap after each window shows whether anything accumulates.
        const gc = (globalThis as { gc?: () => void }).gc;
        if (gc) {
          gc();
          heapByWindow.push(mib(process.memoryUsage().heapUsed));
        }
      },
    },
  );
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const stored = await client.lead.count();
  const report = {
    engine: engineOf(database.url),
    leads: count,
    windows: result.counts.windows,
    splits: result.counts.splits,
    requests: fake.requests.length,
    status: result.status,
    error: result.error,
    stored,
    seconds: Math.round(seconds * 100) / 100,
    leadsPerSecond: Math.round(count / seconds),
    rssAtStartMiB: mib(rssAtStart),
    peakRssMiB: mib(Math.max(peakRss, process.resourceUsage().maxRSS * 1024)),
    rssAfterEachWindowMiB: rssByWindow,
    heapAfterEachWindowMiB: heapByWindow,
  };
  if (values.json) console.log(JSON.stringify(report));
  else {
    console.log(`housing import: ${count} leads in ${report.windows} windows on ${report.engine}: ${report.status}`);
    console.log(`  ${report.requests} requests, ${report.splits} full answers split`);
    console.log(`  ${report.seconds} s, ${report.leadsPerSecond} leads/s, ${stored} stored`);
    console.log(`  RSS at start ${report.rssAtStartMiB} MiB, peak ${report.peakRssMiB} MiB`);
    console.log(`  RSS after each window (MiB): ${rssByWindow.join(" ")}`);
    if (heapByWindow.length > 0) console.log(`  live heap after each window (MiB): ${heapByWindow.join(" ")}`);
  }
  if (result.status !== "succeeded" || stored !== count) process.exitCode = 1;
} finally {
  clearInterval(sampler);
  await fake.close();
  await client.$disconnect();
  await database.drop();
}
