// Starting the servers under test and reading their memory.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";

/** Starts a server in its own process group, so that stopping it stops every process it started (npx, tsx…). */
export function startProcess(command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(command, args, { env, stdio: ["ignore", "ignore", "inherit"], detached: true });
  child.on("error", (error) => console.error(`${command}: ${error.message}`));
  return child;
}

export function stopProcess(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    // already gone
  }
}

export async function waitForOk(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

function children(pid: number): number[] {
  const found: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (parent === pid) found.push(Number(entry), ...children(Number(entry)));
    } catch {
      // the process ended while we looked
    }
  }
  return found;
}

/** Peak resident memory (VmHWM) of a process and its descendants, in MiB. */
export function peakRssMiB(pid: number): number {
  let kib = 0;
  for (const p of [pid, ...children(pid)]) {
    try {
      const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, "utf8"));
      kib += Number(match?.[1] ?? 0);
    } catch {
      // ended
    }
  }
  return Math.round(kib / 1024);
}
