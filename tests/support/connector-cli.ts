// `npm run connector` as a real child process, for the tests that kill it mid-run and
// run it again.
import { spawn } from "node:child_process";

export type CliExit = { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string };

/**
 * Spawns `scripts/connector.ts <args>` with `env` over this process's environment (an
 * undefined value unsets a variable), in its own process group (signals go to the group,
 * as a terminal's Ctrl-C does).
 */
export function spawnConnectorCli(args: string[], env: Record<string, string | undefined>) {
  // As `npm run connector` runs it: node with tsx's loader, one process (see scripts/connector.ts).
  const child = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "scripts/connector.ts", ...args],
    {
      env: { ...process.env, ...env },
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = new Promise<CliExit>((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return {
    kill: () => process.kill(-child.pid!, "SIGKILL"),
    /** sends `signal` to the whole process group, as a terminal's Ctrl-C or a service manager's stop does */
    signal: (signal: NodeJS.Signals) => process.kill(-child.pid!, signal),
    exit,
  };
}
