// How many connections of connector runs (sessions of lib/db/driver) are open on a test
// database. PostgreSQL: seen from the server (their application_name). SQLite: the
// module's own count, as the file table cannot tell (SQLite's unix VFS keeps a closed
// connection's file descriptor open while another connection of the process holds a lock).
import { engineOf } from "@/lib/db/client-url";
import { openSessionCount, sessionApplicationName, sqlFor } from "@/lib/db/driver";

export async function openConnectorConnections(databaseUrl: string): Promise<number> {
  if (engineOf(databaseUrl) === "sqlite") return openSessionCount();
  const [row] = await sqlFor(databaseUrl).query<{ n: number }>(
    `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1`,
    [sessionApplicationName()],
    { n: "number" },
  );
  return row!.n;
}
