// The benchmark's generated database: built once per size and engine, then reused (the
// names changed when it stopped being analyzed: databases from before are not reused).
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { createDb } from "@/lib/db/client";
import { engineOf } from "@/lib/db/client-url";
import { migrate } from "@/lib/db/migrate";
import { generateContacts } from "./generate";
import { postgresDatabase } from "./postgres-databases";

/** A migrated database holding exactly `contacts` generated contacts; generated when missing. */
export async function benchDatabase(
  contacts: number,
  baseUrl: string | undefined,
  log: (line: string) => void,
): Promise<string> {
  const url =
    baseUrl && engineOf(baseUrl) === "postgresql"
      ? (await postgresDatabase(baseUrl, `crm_bridge_bench_generated_${contacts}`, "reuse")).url
      : `file:${join(process.cwd(), "bench", ".data", `generated-${contacts}.db`)}`;
  if (engineOf(url) === "sqlite") mkdirSync(join(process.cwd(), "bench", ".data"), { recursive: true });
  const fresh = engineOf(url) === "sqlite" && !existsSync(url.slice("file:".length));
  await migrate(url);
  const client = createDb(url);
  const present = fresh ? 0 : await client.contact.count();
  await client.$disconnect();
  if (present === contacts) {
    log(`database: reusing ${contacts.toLocaleString("en-US")} contacts (${engineOf(url)})`);
    return url;
  }
  if (present !== 0) throw new Error(`${url} holds ${present} contacts, not ${contacts}: delete it and run again`);
  const started = performance.now();
  await generateContacts(url, contacts, (done) => {
    if (done % 100_000 === 0 || done === contacts)
      log(`database: ${done.toLocaleString("en-US")} / ${contacts.toLocaleString("en-US")} contacts`);
  });
  log(
    `database: generated ${contacts.toLocaleString("en-US")} contacts in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  return url;
}
