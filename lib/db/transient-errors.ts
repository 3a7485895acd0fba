// Which database errors are worth another attempt: the server restarting or briefly out
// of reach (connection refused, reset or ended, "the database system is starting up"),
// and SQLite's write lock held past our wait. They come from three layers — the Prisma
// client (its driver adapter's error kinds), `pg` and better-sqlite3 — each in its own shape.

// Node's socket errors.
const socketCodes = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "ECONNABORTED", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN"]);
// PostgreSQL SQLSTATEs: connection exceptions (08…), the server shutting down or starting
// (57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now), too many connections.
const postgresCodes = /^(08\d{3}|57P0[123]|53300)$/;
// Prisma's codes for the same: can't reach, timed out, server closed the connection, pool timeout.
const prismaCodes = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
// The driver adapters' error kinds (PrismaClientKnownRequestError.meta.driverAdapterError.cause.kind);
// the SQLite adapter reports SQLITE_BUSY as "SocketTimeout".
const adapterKinds = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
// pg's own messages for a connection that broke, which carry no code.
// ("Connection terminated" alone, or "Client was closed", follow our own end(): not transient.)
const pgMessages = /Connection terminated (unexpectedly|due to connection timeout)|connection error and is not queryable|timeout exceeded when trying to connect/i;

type Shape = { code?: unknown; message?: unknown; cause?: unknown; meta?: unknown; kind?: unknown };

/**
 * A short reason ("ECONNRESET", "57P01", "SQLITE_BUSY"…) when `error` is a transient
 * database failure, null when it is anything else (a constraint, a bug, bad SQL).
 */
export function transientDbReason(error: unknown): string | null {
  for (let e: unknown = error, depth = 0; e && typeof e === "object" && depth < 5; e = (e as Shape).cause, depth++) {
    const { code, message, meta } = e as Shape;
    if (typeof code === "string") {
      if (socketCodes.has(code) || postgresCodes.test(code)) return code;
      if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) return code;
      if (prismaCodes.has(code)) return adapterReason(meta) ?? code;
    }
    const kind = adapterReason(meta);
    if (kind) return kind;
    if (typeof message === "string" && pgMessages.test(message)) return "connection ended";
  }
  return null;
}

/** The driver adapter's error kind, when it is a transient one (PostgreSQL codes included). */
function adapterReason(meta: unknown): string | null {
  const cause = (meta as { driverAdapterError?: { cause?: { kind?: unknown; code?: unknown; originalCode?: unknown } } } | undefined)
    ?.driverAdapterError?.cause;
  if (!cause) return null;
  if (typeof cause.kind === "string" && adapterKinds.has(cause.kind)) return cause.kind;
  for (const code of [cause.code, cause.originalCode]) if (typeof code === "string" && postgresCodes.test(code)) return code;
  return null;
}
