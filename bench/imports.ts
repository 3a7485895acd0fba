// The two connector imports, each in a process of its own (so that its peak memory is
// its own): `npm run bench:housing` and `npm run bench:crmcom`, which import generated
// records from the fake peers through the real connectors into a fresh database of the
// same engine, and print their figures as JSON.
import { spawnSync } from "node:child_process";
import { z } from "zod";

export type ImportFigures = {
  name: string;
  records: number;
  status: string;
  seconds: number;
  recordsPerSecond: number;
  peakRssMiB: number;
  /** the same import again, everything unchanged (CRM.COM only) */
  rerunSeconds: number | null;
};

const housingReport = z.object({
  status: z.string(),
  seconds: z.number(),
  leadsPerSecond: z.number(),
  peakRssMiB: z.number(),
});
const crmcomReport = z.object({
  import: z.object({ status: z.string(), seconds: z.number(), contactsPerSecond: z.number() }),
  rerun: z.object({ seconds: z.number() }),
  peakRssMiB: z.number(),
});

function runJson(script: string, args: string[], env: NodeJS.ProcessEnv): unknown {
  const run = spawnSync("npx", ["tsx", "--conditions=react-server", script, ...args, "--json"], {
    env,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 16 * 1024 * 1024,
  });
  const last = run.stdout.trim().split("\n").at(-1) ?? "";
  if (run.status !== 0 && !last.startsWith("{")) throw new Error(`${script} exited with ${run.status}`);
  return JSON.parse(last);
}

/** Imports `records` Housing.com leads and `records` CRM.COM contacts; DATABASE_URL in `env` picks the engine. */
export function measureImports(records: number, env: NodeJS.ProcessEnv): ImportFigures[] {
  const housing = housingReport.parse(runJson("scripts/bench-housing-import.ts", ["--leads", String(records)], env));
  const crmcom = crmcomReport.parse(runJson("scripts/bench-crmcom-import.ts", ["--contacts", String(records)], env));
  return [
    {
      name: "housing leads",
      records,
      status: housing.status,
      seconds: housing.seconds,
      recordsPerSecond: housing.leadsPerSecond,
      peakRssMiB: housing.peakRssMiB,
      rerunSeconds: null,
    },
    {
      name: "crmcom contacts",
      records,
      status: crmcom.import.status,
      seconds: crmcom.import.seconds,
      recordsPerSecond: crmcom.import.contactsPerSecond,
      peakRssMiB: crmcom.peakRssMiB,
      rerunSeconds: crmcom.rerun.seconds,
    },
  ];
}
