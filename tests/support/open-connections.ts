// How many connections of connector runs (lib/db/sql-session.ts) are open on a test
// database. PostgreSQL: seen from the server (their application_name). SQLite: the
// module's own count, as the file table cannot tell (SQLite's unix VFS keeps a closed
// connection's file descriptor open while another connection of the process holds a lock).
import pg from "pg";
import { engineOf } from "@/lib/db/client-url";
import { openSqlSessionCount } from "@/lib/db/sql-session";

export async function openConnectorConnections(databaseUrl: string): Promise<number> {
  if (engineOf(databaseUrl) === "sqlite") return openSqlSessionCount();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'crm-bridge-connector'`,
    );
    return rows[0]!.n;
  } finally {
    await client.end();
  }
}
