// What can stop a connector run, by what the framework should do about it:
// RetryableError → try again with backoff; ConnectorError → fail the run with this
// message; LeaseBusyError → another run holds the lease, nothing was started.
import "server-only";
import { transientDbReason } from "@/lib/db/transient-errors";

export type ConnectorErrorCode =
  "unauthorized" | "bad_request" | "bad_response" | "window_full" | "unavailable" | "lease_lost" | "interrupted";

/** A failure the run cannot recover from; its message is shown to the operator (never a secret). */
export class ConnectorError extends Error {
  constructor(
    readonly code: ConnectorErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "ConnectorError";
  }
}

/** A transient failure of the peer (429, 5xx, timeout, connection error): worth another attempt. */
export class RetryableError extends Error {
  constructor(
    message: string,
    /** the peer's own Retry-After, when it sent one */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = "RetryableError";
  }
}

export type LeaseHolder = { owner: string | null; expiresAt: Date | null };

/** Another run of this connector holds the lease (in this or another app instance). */
export class LeaseBusyError extends Error {
  constructor(
    readonly connector: string,
    readonly holder: LeaseHolder,
  ) {
    const about = [
      holder.owner ? `held by ${holder.owner}` : null,
      holder.expiresAt ? `lease until ${holder.expiresAt.toISOString()}` : null,
    ].filter(Boolean);
    super(
      `another ${connector} run is in progress${about.length > 0 ? ` (${about.join(", ")})` : ""}; ` +
        "try again when it has finished",
    );
    this.name = "LeaseBusyError";
  }
}

/**
 * The message a run record and the command line show for any error, on one line: a
 * stable code first (bad_response, unauthorized, bad_request, unavailable, lease_lost,
 * interrupted), then what happened. Errors of our own code show their message only.
 */
export function describeError(error: unknown): string {
  const database = error instanceof ConnectorError || error instanceof RetryableError ? null : transientDbReason(error);
  const text =
    error instanceof ConnectorError
      ? `${error.code}: ${error.message}`
      : error instanceof RetryableError
        ? `unavailable: ${error.message}`
        : database !== null
          ? `unavailable: database: ${database}`
          : error instanceof Error
            ? oneLine(error)
            : String(error);
  return text.slice(0, 2000);
}

/**
 * An error's message on one line. Prisma's messages start with the call and a frame of
 * source code; their last line says what went wrong.
 */
function oneLine(error: Error): string {
  const lines = error.message
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  if (error.name.startsWith("PrismaClient")) return lines.at(-1) ?? error.name;
  return lines.join(" ");
}
