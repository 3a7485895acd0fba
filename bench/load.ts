// Drives a server with wrk (C, light on a 2-core machine) over a list of request paths,
// and reads its report: requests per second, latency percentiles, failed responses.
import { execFileSync, spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";

/** `failures`: non-2xx/3xx answers and socket errors; `timeouts`: requests unanswered after 10 s (a speed matter). */
export type LoadResult = {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** the slowest answer */
  maxMs: number;
  requests: number;
  failures: number;
  timeouts: number;
};

export function loadGeneratorVersion(): string | null {
  const result = spawnSync("wrk", ["--version"], { encoding: "utf8" });
  if (result.error) return null;
  return (result.stdout + result.stderr).split("\n")[0]!.trim();
}

function milliseconds(value: string, unit: string): number {
  const n = Number(value);
  return unit === "us" ? n / 1000 : unit === "s" ? n * 1000 : unit === "m" ? n * 60_000 : n;
}

export function parseWrkReport(report: string): LoadResult {
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(report);
  const total = /(\d+) requests in/.exec(report);
  const percentile = (p: string) => {
    const m = new RegExp(`^\\s+${p}%\\s+([\\d.]+)(us|ms|s|m)\\s*$`, "m").exec(report);
    return m ? milliseconds(m[1]!, m[2]!) : NaN;
  };
  // "Latency  avg  stdev  max  +/- stdev" in the thread statistics.
  const latency = /^\s+Latency\s+\S+\s+\S+\s+([\d.]+)(us|ms|s|m)\s/m.exec(report);
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(report);
  const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(report);
  const errors = socketErrors ? socketErrors.slice(1, 4).reduce((sum, n) => sum + Number(n), 0) : 0;
  const timeouts = socketErrors ? Number(socketErrors[4]) : 0;
  if (!rps || !total) throw new Error(`could not read wrk's report:\n${report}`);
  return {
    requestsPerSecond: Number(rps[1]),
    p50Ms: percentile("50"),
    p99Ms: percentile("99"),
    maxMs: latency ? milliseconds(latency[1]!, latency[2]!) : NaN,
    requests: Number(total[1]),
    failures: Number(non2xx?.[1] ?? 0) + errors,
    timeouts,
  };
}

export function runLoad(options: {
  origin: string;
  paths: string[];
  connections: number;
  durationSeconds: number;
}): LoadResult {
  const file = join(tmpdir(), `crm-bridge-bench-paths-${process.pid}-${Date.now()}.txt`);
  writeFileSync(file, options.paths.join("\n"));
  const report = execFileSync(
    "wrk",
    [
      "-t2",
      `-c${options.connections}`,
      `-d${options.durationSeconds}s`,
      "--latency",
      "--timeout",
      "10s",
      "-s",
      join(import.meta.dirname, "paths.lua"),
      options.origin,
      "--",
      file,
    ],
    { encoding: "utf8", maxBuffer: 10 * 1024 * 1024 },
  );
  return parseWrkReport(report);
}
