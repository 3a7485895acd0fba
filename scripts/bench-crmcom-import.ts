// npm run bench:crmcom -- [--contacts 100000] [--page-size 100] [--unit 1000] [--json]
// (or `node --expose-gc --import tsx --conditions=react-server scripts/bench-crmcom-import.ts`
// to also see the live heap as the import goes)
// Imports generated contacts (people and companies, 1 in 1,000 malformed) from the fake
// CRM.COM Back-Office (tests/fakes) into a fresh database (a temporary SQLite file, or a
// new database on the PostgreSQL server of DATABASE_URL) through the real connector, then
// runs it again (everything unchanged), and reports time, throughput and memory. The fake
// generates contacts on the fly in a process of its own, as CRM.COM would be on its own
// machine: time, CPU and memory are the importer's (and the database's, for SQLite).
import "./load-env";
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { createDb } from "@/lib/db/client";
import { engineOf } from "@/lib/db/client-url";
import { runConnector } from "@/lib/connectors/run";
import type { RunResult } from "@/lib/connectors/run";
import { crmcomConnector, defaultContactsPerUnit } from "@/lib/integrations/crmcom/connector";
import { createTestDatabase } from "@/tests/support/test-database";

const { values } = parseArgs({
  options: {
    contacts: { type: "string", default: "100000" },
    "page-size": { type: "string", default: "100" },
    unit: { type: "string", default: String(defaultContactsPerUnit) },
    json: { type: "boolean", default: false },
  },
});
const count = Number(values.contacts);
const pageSize = Number(values["page-size"]);
const contactsPerUnit = Number(values.unit);
if (![count, pageSize, contactsPerUnit].every((n) => Number.isSafeInteger(n) && n > 0) || pageSize > 100) {
  console.error(
    "usage: npm run bench:crmcom -- [--contacts N] [--page-size 1..100] [--unit <contacts per transaction>] [--json]",
  );
  process.exit(2);
}

const mib = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const database = await createTestDatabase(process.env.DATABASE_URL);
const client = createDb(database.url);
const apiKey = "bench-secret-key";
const fake = spawn("node_modules/.bin/tsx", ["tests/fakes/crmcom-server-process.ts", String(count), apiKey], {
  stdio: ["pipe", "pipe", "inherit"],
});
const [line] = await createInterface({ input: fake.stdout })
  [Symbol.asyncIterator]()
  .next()
  .then((r) => [r.value as string]);
const fakeUrl = (JSON.parse(line!) as { url: string }).url;
const connector = crmcomConnector({ apiUrl: fakeUrl, auth: { kind: "apiKey", apiKey }, pageSize }, { contactsPerUnit });

type Pass = { result: RunResult; seconds: number; cpuSeconds: number; rssSamples: number[]; heapSamples: number[] };

/** One run, sampling memory every tenth of the run (live heap too under --expose-gc). */
async function pass(): Promise<Pass> {
  const every = Math.max(1, Math.round(count / Math.max(pageSize, contactsPerUnit) / 10));
  const rssSamples: number[] = [];
  const heapSamples: number[] = [];
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await runConnector(connector, {
    client,
    onProgress: (event) => {
      if (event.type !== "unit" || event.done % every !== 0) return;
      rssSamples.push(mib(process.memoryUsage().rss));
      const gc = (globalThis as { gc?: () => void }).gc;
      if (gc) {
        gc();
        heapSamples.push(mib(process.memoryUsage().heapUsed));
      }
    },
  });
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return { result, seconds, cpuSeconds: (used.user + used.system) / 1e6, rssSamples, heapSamples };
}

let peakRss = process.memoryUsage().rss;
const rssAtStart = peakRss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
try {
  const first = await pass();
  const again = await pass();
  clearInterval(sampler);
  const stored = await client.externalRef.count({ where: { system: "crmcom" } });
  const invalid = first.result.counts.invalid ?? 0;
  const round = (n: number) => Math.round(n * 100) / 100;
  const report = {
    engine: engineOf(database.url),
    contacts: count,
    pageSize,
    contactsPerUnit,
    import: {
      status: first.result.status,
      error: first.result.error,
      counts: first.result.counts,
      seconds: round(first.seconds),
      cpuSeconds: round(first.cpuSeconds),
      contactsPerSecond: Math.round(count / first.seconds),
      rssMiB: first.rssSamples,
      liveHeapMiB: first.heapSamples,
    },
    rerun: {
      status: again.result.status,
      counts: again.result.counts,
      seconds: round(again.seconds),
      cpuSeconds: round(again.cpuSeconds),
      contactsPerSecond: Math.round(count / again.seconds),
    },
    stored,
    rssAtStartMiB: mib(rssAtStart),
    peakRssMiB: mib(Math.max(peakRss, process.resourceUsage().maxRSS * 1024)),
  };
  if (values.json) console.log(JSON.stringify(report));
  else {
    const { import: first_, rerun } = report;
    console.log(
      `crmcom import: ${count} contacts in pages of ${pageSize}, ${contactsPerUnit} per transaction, on ${report.engine}: ${first_.status}`,
    );
    console.log(
      `  ${first_.seconds} s (${first_.cpuSeconds} s CPU), ${first_.contactsPerSecond} contacts/s; ${stored} stored, ${invalid} invalid`,
    );
    console.log(
      `  re-run, all unchanged: ${rerun.status}, ${rerun.seconds} s (${rerun.cpuSeconds} s CPU), ${rerun.contactsPerSecond} contacts/s`,
    );
    console.log(`  RSS at start ${report.rssAtStartMiB} MiB, peak ${report.peakRssMiB} MiB`);
    console.log(`  RSS every tenth of the import (MiB): ${first_.rssMiB.join(" ")}`);
    if (first_.liveHeapMiB.length > 0)
      console.log(`  live heap every tenth of the import (MiB): ${first_.liveHeapMiB.join(" ")}`);
  }
  const ok = first.result.status === "succeeded" && again.result.status === "succeeded" && stored === count - invalid;
  if (!ok || again.result.counts.unchanged !== stored) process.exitCode = 1;
} finally {
  clearInterval(sampler);
  fake.stdin.end();
  await client.$disconnect();
  await database.drop();
}
