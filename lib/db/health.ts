import "server-only";
import { type Sql, sql as defaultSql } from "@/lib/db/driver";

/**
 * Asks the database a trivial query; throws what the driver threw when it cannot answer
 * (within the reader's bounds: lib/db/driver/open.ts). Asked through the driver reader, as the
 * contact views and the search are: health checks come often, and Prisma's query path
 * cost more than the query.
 */
export async function checkDatabase(sql: () => Sql = defaultSql): Promise<void> {
  await sql().query("SELECT 1");
}

/** True when the database answers a trivial query. */
export async function isDatabaseReachable(sql: () => Sql = defaultSql): Promise<boolean> {
  try {
    await checkDatabase(sql);
    return true;
  } catch {
    return false;
  }
}
