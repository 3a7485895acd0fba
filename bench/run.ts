// npm run bench [-- --contacts N --duration S --connections C --imports N --skip-build]
// Builds (or reuses) a database of N generated contacts, starts the production server
// and the raw baseline, drives each hot path with wrk, and reports every figure beside
// its framework reference and the raw baseline measured in the same run. Then weighs the
// contact views in Chromium; builds a second database the way an operator does (--imports
// contacts through the CRM.COM connector, nothing else) and drives the Sure Send widget on
// it the same way; times the two connector imports (--imports 0 skips both); and measures
// the widget's stalls while the server itself imports (--import-stalls 0 skips it).
import "../scripts/load-env";
import { parseArgs } from "node:util";
import { spawnSync } from "node:child_process";
import { cpus } from "node:os";
import { writeFileSync } from "node:fs";
import { testSecrets } from "@/tests/support/test-config";
import { engineOf } from "@/lib/db/client-url";
import { benchDatabase } from "./database";
import { loadGeneratorVersion, runLoad, type LoadResult } from "./load";
import { peakRssMiB, startProcess, stopProcess, waitForOk } from "./processes";
import { benchTargets, importedWidgetPaths, weighedPages } from "./targets";
import { importedDatabase } from "./imported-database";
import { type PageWeight, measurePageWeights } from "./page-weight";
import { type ImportFigures, measureImports } from "./imports";
import { type ImportStallFigures, measureImportStalls } from "./import-stalls";

const { values } = parseArgs({
  options: {
    contacts: { type: "string", default: "100000" },
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "16" },
    imports: { type: "string", default: "100000" },
    "skip-build": { type: "boolean", default: false },
    "import-stalls": { type: "string", default: "100000" },
  },
});
const stallLeads = Number(values["import-stalls"]);
const contacts = Number(values.contacts);
const duration = Number(values.duration);
const connections = Number(values.connections);
const imported = Number(values.imports);
if (
  ![contacts, duration, connections].every((n) => Number.isInteger(n) && n > 0) ||
  !(Number.isInteger(imported) && imported >= 0)
) {
  console.error(
    "usage: npm run bench -- [--contacts N] [--duration seconds] [--connections C] [--imports N (0: none)] [--skip-build]",
  );
  process.exit(2);
}
const wrk = loadGeneratorVersion();
if (!wrk) {
  console.error("npm run bench needs wrk (Debian: apt-get install wrk)");
  process.exit(2);
}

const log = (line: string) => console.log(line);
const databaseUrl = await benchDatabase(contacts, process.env.DATABASE_URL, log);
const appPort = 3900;
const rawPort = 3901;
const importedPort = 3902;
const serverEnv: NodeJS.ProcessEnv = {
  PATH: process.env.PATH,
  ...testSecrets,
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  DATABASE_URL: databaseUrl,
  BENCH_REFERENCES: "1",
};

if (!values["skip-build"]) {
  log("building the app (next build)…");
  const build = spawnSync("npx", ["next", "build"], { stdio: ["ignore", "ignore", "inherit"], env: serverEnv });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

for (const port of [appPort, rawPort, importedPort]) {
  if (
    await fetch(`http://127.0.0.1:${port}/`).then(
      () => true,
      () => false,
    )
  ) {
    console.error(`port ${port} is in use: stop what listens there (an earlier benchmark?) and run again`);
    process.exit(2);
  }
}
const app = startProcess(
  "node",
  ["node_modules/next/dist/bin/next", "start", "-H", "127.0.0.1", "-p", String(appPort)],
  serverEnv,
);
const raw = startProcess(
  "npx",
  ["tsx", "--conditions=react-server", "bench/raw-server.ts", String(rawPort), databaseUrl],
  serverEnv,
);
const stop = () => {
  stopProcess(app);
  stopProcess(raw);
};
process.on("exit", stop);

type Row = { name: string; kind: "route" | "page"; server: "app" | "raw"; result: LoadResult };
const rows: Row[] = [];
let pageWeights: PageWeight[] = [];
let appPeakRssMiB = 0;
try {
  await Promise.all([
    waitForOk(`http://127.0.0.1:${appPort}/api/health`),
    waitForOk(`http://127.0.0.1:${rawPort}/api/health`),
  ]);
  for (const target of benchTargets(contacts)) {
    const origin = `http://127.0.0.1:${target.server === "app" ? appPort : rawPort}`;
    const paths = target.paths();
    runLoad({ origin, paths, connections, durationSeconds: Math.min(2, duration) }); // warm-up
    const result = runLoad({ origin, paths: target.paths(), connections, durationSeconds: duration });
    rows.push({ name: target.name, kind: target.kind, server: target.server, result });
    log(
      `${target.name.padEnd(28)} ${result.requestsPerSecond.toFixed(0).padStart(7)} req/s  p50 ${result.p50Ms.toFixed(1)} ms  p99 ${result.p99Ms.toFixed(1)} ms${result.failures ? `  FAILURES ${result.failures}` : ""}`,
    );
  }
  pageWeights = await measurePageWeights(`http://127.0.0.1:${appPort}`, weighedPages(contacts));
} finally {
  appPeakRssMiB = app.pid ? peakRssMiB(app.pid) : 0;
  stop();
}
/** The Sure Send widget on a database imported through the CRM.COM connector, measured as the widget above. */
const importedWidget = "suresend widget, imported db";
if (imported > 0) {
  const importedUrl = await importedDatabase(imported, process.env.DATABASE_URL, log);
  const server = startProcess(
    "node",
    ["node_modules/next/dist/bin/next", "start", "-H", "127.0.0.1", "-p", String(importedPort)],
    { ...serverEnv, DATABASE_URL: importedUrl },
  );
  try {
    await waitForOk(`http://127.0.0.1:${importedPort}/api/health`);
    const origin = `http://127.0.0.1:${importedPort}`;
    // Warmed as long as the first server had served before its widget figure (three targets,
    // each warm-up and run): a fresh Next.js server gets faster for its first ~20 s.
    const targets = benchTargets(contacts);
    const warmUp = targets
      .slice(
        0,
        targets.findIndex((t) => t.name === "suresend widget"),
      )
      .filter((t) => t.server === "app").length;
    runLoad({
      origin,
      paths: importedWidgetPaths(imported),
      connections,
      durationSeconds: warmUp * (Math.min(2, duration) + duration),
    });
    const result = runLoad({ origin, paths: importedWidgetPaths(imported), connections, durationSeconds: duration });
    rows.push({ name: importedWidget, kind: "page", server: "app", result });
    log(
      `${importedWidget.padEnd(28)} ${result.requestsPerSecond.toFixed(0).padStart(7)} req/s  p50 ${result.p50Ms.toFixed(1)} ms  p99 ${result.p99Ms.toFixed(1)} ms${result.failures ? `  FAILURES ${result.failures}` : ""}`,
    );
  } finally {
    stopProcess(server);
  }
}
// With the servers stopped: each import has the machine to itself.
let imports: ImportFigures[] = [];
if (imported > 0) {
  log(
    `importing ${imported.toLocaleString("en-US")} Housing.com leads and ${imported.toLocaleString("en-US")} CRM.COM contacts…`,
  );
  imports = measureImports(imported, { ...process.env });
}
let importStalls: ImportStallFigures | null = null;
if (Number.isInteger(stallLeads) && stallLeads > 0) {
  importStalls = await measureImportStalls({
    databaseUrl,
    contacts,
    leads: stallLeads,
    durationSeconds: duration,
    port: appPort,
    serverEnv,
    log,
  });
}
report(rows, appPeakRssMiB, pageWeights, imports, importStalls);

function report(
  measured: Row[],
  appPeakRssMiB: number,
  pageWeights: PageWeight[],
  imports: ImportFigures[],
  importStalls: ImportStallFigures | null,
) {
  const reference = (kind: Row["kind"]) =>
    measured.find((r) => r.name === (kind === "route" ? "reference route" : "reference page"));
  const rawOf = (name: string) => measured.find((r) => r.server === "raw" && r.name === `raw ${name}`);
  const table = measured.map((row) => {
    const ref = row.server === "app" ? reference(row.kind) : undefined;
    const baseline = row.server === "app" ? rawOf(row.name) : undefined;
    return {
      name: row.name,
      requestsPerSecond: Math.round(row.result.requestsPerSecond),
      p50Ms: row.result.p50Ms,
      p99Ms: row.result.p99Ms,
      failures: row.result.failures,
      timeouts: row.result.timeouts,
      vsReference: ref && ref !== row ? round(row.result.requestsPerSecond / ref.result.requestsPerSecond) : null,
      p99VsReference: ref && ref !== row ? round(row.result.p99Ms / ref.result.p99Ms) : null,
      vsRaw: baseline ? round(row.result.requestsPerSecond / baseline.result.requestsPerSecond) : null,
    };
  });
  // The widget on the imported database against the widget on the generated one (goal: 0.85 or more).
  const generatedWidget = measured.find((r) => r.name === "suresend widget");
  const importedRow = measured.find((r) => r.name === importedWidget);
  const importedVsGenerated =
    generatedWidget && importedRow
      ? {
          requestsPerSecond: round(importedRow.result.requestsPerSecond / generatedWidget.result.requestsPerSecond),
          p99: round(importedRow.result.p99Ms / generatedWidget.result.p99Ms),
        }
      : null;
  console.log("");
  console.table(table);
  if (importedVsGenerated) {
    console.log(
      `Sure Send widget, imported database vs generated: ${importedVsGenerated.requestsPerSecond}× the requests/s, ${importedVsGenerated.p99}× the p99`,
    );
  }
  console.log("page weight (Chromium, decoded bytes):");
  console.table(pageWeights);
  if (imports.length > 0) {
    console.log("imports:");
    console.table(imports);
  }
  const results = {
    date: new Date().toISOString(),
    machine: { cores: cpus().length, cpu: cpus()[0]?.model ?? "unknown", node: process.version, loadGenerator: wrk },
    settings: { contacts, imported, durationSeconds: duration, connections, engine: engineOf(databaseUrl) },
    appPeakRssMiB,
    table,
    importedVsGenerated,
    pageWeights,
    imports,
    importStalls,
  };
  writeFileSync("bench/results.json", `${JSON.stringify(results, null, 2)}\n`);
  console.log(`app peak RSS ${appPeakRssMiB} MiB · wrote bench/results.json`);
  const failed = table.filter((row) => row.failures > 0);
  if (failed.length > 0) {
    console.error(`failed requests in: ${failed.map((row) => row.name).join(", ")}`);
    process.exitCode = 1;
  }
  const blank = pageWeights.filter((page) => !page.rendersWithoutJs);
  if (blank.length > 0) {
    console.error(`not rendered without JavaScript: ${blank.map((page) => page.name).join(", ")}`);
    process.exitCode = 1;
  }
  const failedImports = imports.filter((run) => run.status !== "succeeded");
  if (failedImports.length > 0) {
    console.error(`imports that failed: ${failedImports.map((run) => run.name).join(", ")}`);
    process.exitCode = 1;
  }
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
