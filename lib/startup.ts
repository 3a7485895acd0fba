import "server-only";
import { env, EnvError } from "@/lib/env";

/** Validates the environment; on a configuration error prints it and exits, so nothing half-configured serves. */
export function checkConfigOrExit(): void {
  try {
    env();
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
