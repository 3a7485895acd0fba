// The driver's connections to the configured database, or to the one a Prisma client
// made by createDb works on (tests and scripts pass their own client).
import "server-only";
import { env } from "@/lib/env";
import { type Db, databaseUrlOf } from "@/lib/db/client";
import type { Sql, SqlTx } from "./statements";
import { type SharedUse, sqlFor } from "./open";

/** The process's connection(s) to the configured database (DATABASE_URL). */
export function sql(use: SharedUse = "request"): Sql {
  return sqlFor(env().databaseUrl, use);
}

/** The process's connection(s) to the database of a Prisma client made by createDb. */
export function sqlOf(client: Db, use: SharedUse = "request"): Sql {
  return sqlFor(databaseUrlOf(client), use);
}

/**
 * Where a statement made both inside a unit's transaction and outside one (the lease, run
 * counts) runs: in the transaction, or on the process's "writes" connection to the
 * client's database.
 */
export function writerOf(target: Db | SqlTx): SqlTx {
  return "execute" in target ? target : sqlOf(target, "writes");
}
