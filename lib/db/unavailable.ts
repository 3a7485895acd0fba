// Which failures mean "the database cannot be reached right now" (contract section 8),
// as opposed to a bug: the one classification every entry point uses, so that an outage
// or a lock held too long answers `unavailable` everywhere and a real bug still shows up
// as one. Errors arrive in three shapes: the drivers' own (better-sqlite3's SqliteError,
// pg's DatabaseError with a SQLSTATE, Node's socket errors), and Prisma's wrappers of them.
import "server-only";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";

/** Node socket errors: the server is down, unreachable, or dropped the connection. */
const socketCodes = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "EHOSTDOWN",
  "ENETUNREACH",
  "ENETDOWN",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/**
 * SQLite result codes (better-sqlite3 reports extended codes such as SQLITE_BUSY_SNAPSHOT,
 * so prefixes): another connection holds the lock past our busy bound, or the file
 * cannot be opened or read.
 */
const sqlitePrefixes = ["SQLITE_BUSY", "SQLITE_LOCKED", "SQLITE_CANTOPEN", "SQLITE_IOERR", "SQLITE_PROTOCOL"];

/**
 * PostgreSQL SQLSTATEs: class 08 (connection exception), the server shutting down or
 * starting (57P01–57P03), too many connections (53300), a lock not granted within
 * lock_timeout (55P03), a statement cancelled by statement_timeout (57014), and a
 * database that does not exist (3D000: dropped, or not restored yet).
 */
const postgresStates = new Set(["53300", "55P03", "57014", "57P01", "57P02", "57P03", "3D000"]);

/** pg's own errors carry no code, only these messages. */
const pgMessages = [
  "Connection terminated",
  "connection timeout",
  "timeout exceeded when trying to connect",
  "Client has encountered a connection error",
  "Client was closed and is not queryable",
];

/**
 * Prisma's codes for the same situations: P1001 cannot reach, P1002 timed out reaching,
 * P1003 database does not exist, P1008 operation timed out (SQLITE_BUSY through the
 * driver adapter), P1017 server closed the connection, P2024 no pool connection in time.
 */
const prismaCodes = new Set(["P1001", "P1002", "P1003", "P1008", "P1017", "P2024"]);

/** Driver-adapter error kinds Prisma reports in `meta.driverAdapterError.cause.kind`. */
const adapterKinds = new Set([
  "DatabaseNotReachable",
  "DatabaseDoesNotExist",
  "SocketTimeout",
  "ConnectionClosed",
  "TooManyConnections",
  "TransactionWriteConflict",
]);

type ErrorLike = {
  code?: unknown;
  errorCode?: unknown;
  message?: unknown;
  cause?: unknown;
  meta?: {
    driverAdapterError?: {
      cause?: { kind?: unknown; code?: unknown; originalCode?: unknown; originalMessage?: unknown };
    };
  };
};

function isCodeUnavailable(code: string): boolean {
  return (
    socketCodes.has(code) ||
    postgresStates.has(code) ||
    /^08\d{3}$/.test(code) ||
    prismaCodes.has(code) ||
    sqlitePrefixes.some((prefix) => code.startsWith(prefix))
  );
}

/** The error and its causes, outermost first (bounded: a cause chain may loop). */
function chain(error: unknown): ErrorLike[] {
  const found: ErrorLike[] = [];
  for (let e = error; e !== null && typeof e === "object" && found.length < 8; e = (e as ErrorLike).cause) {
    found.push(e);
    if (e instanceof AggregateError) {
      const errors: unknown[] = e.errors;
      found.push(...errors.filter((x): x is ErrorLike => x !== null && typeof x === "object"));
    }
  }
  return found;
}

/**
 * What made `error` an outage, in a word ("ECONNRESET", "57P01", "SQLITE_BUSY",
 * "DatabaseNotReachable", "connection ended"), or null when it is anything else (a
 * constraint, a bug, bad SQL). The driver adapter's own kind and code come before
 * Prisma's wrapper code, as they say more.
 */
export function databaseOutageReason(error: unknown): string | null {
  for (const e of chain(error)) {
    const cause = e.meta?.driverAdapterError?.cause;
    if (typeof cause?.kind === "string" && adapterKinds.has(cause.kind)) return cause.kind;
    for (const code of [cause?.originalCode, cause?.code, e.code, e.errorCode]) {
      if (typeof code === "string" && isCodeUnavailable(code)) return code;
    }
    const message = e.message;
    if (typeof message === "string" && pgMessages.some((m) => message.startsWith(m))) return "connection ended";
  }
  return null;
}

/**
 * True when `error` is another connection's lock outlasting our wait (SQLite's busy and
 * locked codes, PostgreSQL's lock_timeout): an outage that passes by itself, where trying
 * again soon is worth it (lib/db/locked-writes.ts).
 */
export function isDatabaseLocked(error: unknown): boolean {
  return chain(error).some((e) => {
    const cause = e.meta?.driverAdapterError?.cause;
    return [cause?.originalCode, cause?.code, e.code].some(
      (code) =>
        typeof code === "string" &&
        (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED") || code === "55P03"),
    );
  });
}

/** True when `error` means the database is down, unreachable, or locked past our bound. */
export function isDatabaseUnavailable(error: unknown): boolean {
  return databaseOutageReason(error) !== null;
}

/**
 * One line naming the failure, for the log: the driver's code and message, never Prisma's
 * multi-line message (it quotes our source code) nor a stack.
 */
export function describeDatabaseError(error: unknown): string {
  const parts: string[] = [];
  for (const e of chain(error)) {
    const cause = e.meta?.driverAdapterError?.cause;
    for (const part of [e.code, e.errorCode, cause?.originalCode ?? cause?.kind, cause?.originalMessage, e.message]) {
      // Prisma's messages span lines (they quote the calling source): left out.
      if ((typeof part === "string" && !part.includes("\n")) || typeof part === "number") parts.push(String(part));
    }
  }
  return [...new Set(parts)].join(": ").slice(0, 300) || "unknown error";
}

/**
 * Logs a database outage seen at `where`: one line, no stack (DEBUG=1 adds it), so an
 * outage that every request meets does not bury the log in traces.
 */
export function logDatabaseUnavailable(where: string, error: unknown): void {
  const reason = describeDatabaseError(error);
  // The error itself (with its stack) only with DEBUG=1: Prisma's messages quote our source.
  logger().warn(
    { event: "database.unavailable", where, reason, ...(env().debug ? { err: error } : {}) },
    `${where}: database unavailable (${reason})`,
  );
}

/** What a read on a request path gives: its value, or word that the database is unavailable. */
export type Loaded<T> = { available: true; value: T } | { available: false };

/**
 * Runs a read for a view that can still show something without it (the Sure Send widget
 * shows its signed context): an outage becomes `{ available: false }`, logged once;
 * any other error is thrown as before.
 */
export async function loadOrUnavailable<T>(where: string, load: () => Promise<T>): Promise<Loaded<T>> {
  try {
    return { available: true, value: await load() };
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    logDatabaseUnavailable(where, error);
    return { available: false };
  }
}
