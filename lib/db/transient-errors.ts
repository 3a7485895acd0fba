// Which database errors a connector run retries: every outage lib/db/unavailable.ts
// recognises (the one classification of the app), except the messages pg gives after our
// own end() of a connection, which no retry can change.
import "server-only";
import { databaseOutageReason } from "@/lib/db/unavailable";

const ownEndMessages = new Set(["Connection terminated", "Client was closed and is not queryable"]);

/**
 * A short reason ("ECONNRESET", "57P01", "SQLITE_BUSY"…) when `error` is a transient
 * database failure, null when it is anything else (a constraint, a bug, bad SQL).
 */
export function transientDbReason(error: unknown): string | null {
  if (error instanceof Error && ownEndMessages.has(error.message)) return null;
  return databaseOutageReason(error);
}
