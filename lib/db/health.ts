import { type Sql, sql as defaultSql } from "@/lib/db/sql";

/**
 * True when the database answers a trivial query. Asked through the driver reader, as
 * the contact views and the search are: health checks come often, and Prisma's query
 * path cost more than the query.
 */
export async function isDatabaseReachable(sql: Sql = defaultSql()): Promise<boolean> {
  try {
    await sql.query("SELECT 1");
    return true;
  } catch {
    return false;
  }
}
