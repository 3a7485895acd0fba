import "./load-env";
import { env } from "@/lib/env";
import { migrate } from "@/lib/db/migrate";
import { engineOf } from "@/lib/db/client-url";

const { databaseUrl } = env();
const applied = await migrate(databaseUrl);
console.log(
  applied.length === 0
    ? `database (${engineOf(databaseUrl)}) is up to date`
    : `applied ${applied.length} migration(s) to ${engineOf(databaseUrl)}: ${applied.join(", ")}`,
);
