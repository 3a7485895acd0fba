import type { Db } from "@/lib/db/client";

/** True when the database answers a trivial query. */
export async function isDatabaseReachable(client: Db): Promise<boolean> {
  try {
    await client.$queryRaw`SELECT 1`;
    return true;
  } catch {
    return false;
  }
}
