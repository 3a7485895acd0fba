// What an import started by the server costs the requests it serves meanwhile: the Sure
// Send widget driven with wrk while the server's own polling imports Housing.com leads
// (in a child process, lib/connectors/child-run.ts), against the same widget idle once the
// import has finished. Runs on a copy of the benchmark's database (the import adds
// contacts, and the benchmark reuses its database only when it holds exactly N), with a
// fake Housing.com in this process. Goal: p99 and max within 1.5× of idle.
// The load is light (a couple of connections, as agents opening widgets): what is measured
// is how long a request waits behind the import, not how the two cores are shared once
// the server is saturated (then any work elsewhere on the machine slows it in proportion).
import { copyFileSync, existsSync, rmSync } from "node:fs";
import { createDb } from "@/lib/db/client";
import { engineOf, sqlitePath } from "@/lib/db/client-url";
import { startHousingFake } from "@/tests/fakes/housing-server";
import { type LoadResult, runLoad } from "./load";
import { startProcess, stopProcess, waitForOk } from "./processes";
import { benchTargets } from "./targets";
import { databaseUrlNamed, dropPostgresDatabase, postgresDatabase } from "./postgres-databases";

export type ImportStallFigures = {
  leads: number;
  idle: LoadResult;
  duringImport: LoadResult;
  p99VsIdle: number;
  maxVsIdle: number;
  /** false when the import ended before the measurement did (then use more leads) */
  importOutlastedMeasurement: boolean;
  importSeconds: number;
  importStatus: string;
};

/** Light load: requests wait for the server, not for each other. */
const connections = 2;

type Options = {
  databaseUrl: string;
  contacts: number;
  leads: number;
  durationSeconds: number;
  port: number;
  serverEnv: NodeJS.ProcessEnv;
  log: (line: string) => void;
};

export async function measureImportStalls(options: Options): Promise<ImportStallFigures> {
  const { log } = options;
  const copy = await copyDatabase(options.databaseUrl);
  const days = 10;
  const until = Math.floor(Date.now() / 1000) - 60;
  const from = until - days * 86_400;
  const fake = await startHousingFake({
    clients: { bench: "bench-key" },
    generated: { count: options.leads, from, to: until },
  });
  const env: NodeJS.ProcessEnv = {
    ...options.serverEnv,
    DATABASE_URL: copy.url,
    HOUSING_API_URL: fake.url,
    HOUSING_CLIENT_ID: "bench",
    HOUSING_API_KEY: "bench-key",
    HOUSING_START_DATE: String(from),
    // The first poll comes 10 s after start-up; the next not within the measurement.
    HOUSING_POLL_SECONDS: "86400",
  };
  const origin = `http://127.0.0.1:${options.port}`;
  const widget = benchTargets(options.contacts).find((target) => target.name === "suresend widget")!;
  const client = createDb(copy.url);
  const app = startProcess(
    "node",
    ["node_modules/next/dist/bin/next", "start", "-H", "127.0.0.1", "-p", String(options.port)],
    env,
  );
  try {
    await waitForOk(`${origin}/api/health`);
    runLoad({ origin, paths: widget.paths(), connections: connections, durationSeconds: 2 }); // warm-up
    log(
      `import stalls: waiting for the server's poll to start importing ${options.leads.toLocaleString("en-US")} leads…`,
    );
    const run = await waitFor(
      () => client.connectorRun.findFirst({ where: { connector: "housing" }, select: { id: true } }),
      60_000,
    );
    const during = runLoad({
      origin,
      paths: widget.paths(),
      connections: connections,
      durationSeconds: options.durationSeconds,
    });
    const measuredUntil = new Date();
    const finished = await waitFor(
      () =>
        client.connectorRun.findFirst({
          where: { id: run.id, status: { not: "running" } },
          select: { status: true, startedAt: true, finishedAt: true },
        }),
      600_000,
    );
    const idle = runLoad({
      origin,
      paths: widget.paths(),
      connections: connections,
      durationSeconds: options.durationSeconds,
    });
    const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
    const figures: ImportStallFigures = {
      leads: options.leads,
      idle,
      duringImport: during,
      p99VsIdle: ratio(during.p99Ms, idle.p99Ms),
      maxVsIdle: ratio(during.maxMs, idle.maxMs),
      importOutlastedMeasurement: (finished.finishedAt ?? new Date()) > measuredUntil,
      importSeconds:
        Math.round(((finished.finishedAt ?? new Date()).getTime() - finished.startedAt.getTime()) / 100) / 10,
      importStatus: finished.status,
    };
    log(
      `import stalls: widget p99 ${during.p99Ms.toFixed(1)} ms / max ${during.maxMs.toFixed(1)} ms during the import, ` +
        `${idle.p99Ms.toFixed(1)} / ${idle.maxMs.toFixed(1)} ms idle (×${figures.p99VsIdle} / ×${figures.maxVsIdle}); ` +
        `import ${figures.importStatus} in ${figures.importSeconds} s` +
        (figures.importOutlastedMeasurement ? "" : " — the import ended before the measurement: use more leads"),
    );
    return figures;
  } finally {
    stopProcess(app);
    await client.$disconnect();
    await fake.close();
    await waitForExit(app.pid);
    await copy.drop();
  }
}

async function waitFor<T>(read: () => Promise<T | null>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await read();
    if (found) return found;
    if (Date.now() > deadline) throw new Error("import stalls: the server's import did not start or end in time");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function waitForExit(pid: number | undefined): Promise<void> {
  for (let i = 0; pid !== undefined && i < 100; i++) {
    try {
      process.kill(-pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A throw-away copy of the benchmark's database (SQLite: the file; PostgreSQL: a database made from it as a template). */
async function copyDatabase(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  if (engineOf(url) === "sqlite") {
    const path = sqlitePath(url);
    const target = `${path}.import-stalls.db`;
    for (const suffix of ["", "-wal", "-shm"]) {
      rmSync(`${target}${suffix}`, { force: true });
      if (existsSync(`${path}${suffix}`)) copyFileSync(`${path}${suffix}`, `${target}${suffix}`);
    }
    return {
      url: `file:${target}`,
      drop: async () => ["", "-wal", "-shm"].forEach((suffix) => rmSync(`${target}${suffix}`, { force: true })),
    };
  }
  const source = new URL(url).pathname.slice(1);
  const name = `${source}_import_stalls`;
  // CREATE DATABASE … TEMPLATE needs no one else connected to the template: work from another database.
  const admin = databaseUrlNamed(url, "postgres");
  const copy = await postgresDatabase(admin, name, { template: source });
  return { url: copy.url, drop: () => dropPostgresDatabase(admin, name) };
}
