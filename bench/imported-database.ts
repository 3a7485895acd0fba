// The benchmark's second database, built the way an operator builds theirs: a fresh,
// migrated database filled by `npm run connector -- crmcom` from a CRM.COM holding N
// contacts (the fake one, in a process of its own), and nothing else: no ANALYZE, no
// hand-made statistics. Whatever the app and the connector do to statistics themselves
// is part of what is measured.
import { spawn } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { createDb } from "@/lib/db/client";
import { engineOf } from "@/lib/db/client-url";
import { migrate } from "@/lib/db/migrate";
import { runConnector } from "@/lib/connectors/run";
import { crmcomConnector } from "@/lib/integrations/crmcom/connector";
import { type GeneratedContacts, generatedContact } from "@/tests/fakes/crmcom-server";
import { postgresDatabase } from "./postgres-databases";

/** What the fake CRM.COM serves (tests/fakes/crmcom-server-process.ts): 1 in 5 a company, 1 in 1,000 malformed. */
export const importedContacts = (count: number): GeneratedContacts => ({ count, companyEvery: 5, invalidEvery: 1000 });

/** The i-th contact the fake serves, as the widget's context names it: kind, name, email, phone. */
export function importedContact(count: number, i: number) {
  const c = generatedContact(importedContacts(count), i);
  const phones = c.phones as { number: string }[];
  return {
    kind: c.contact_type === "COMPANY" ? ("company" as const) : ("person" as const),
    firstName: (c.first_name as string | undefined) ?? null,
    lastName: (c.last_name as string | undefined) ?? null,
    name: (c.company_name as string | undefined) ?? null,
    email: c.email_address as string,
    phone: phones[0]!.number,
    valid: !String(c.email_address).startsWith("broken-"),
  };
}

/** Starts the fake CRM.COM in a process of its own; resolves with its origin and a way to stop it. */
async function startFake(count: number, apiKey: string) {
  const fake = spawn("node_modules/.bin/tsx", ["tests/fakes/crmcom-server-process.ts", String(count), apiKey], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const first = await createInterface({ input: fake.stdout })[Symbol.asyncIterator]().next();
  const url = (JSON.parse(String(first.value)) as { url: string }).url;
  return { url, stop: () => fake.stdin.end() };
}

/**
 * A new database (replacing an earlier one of the same size) holding `count` contacts
 * imported from the fake CRM.COM by one real connector run. Returns its URL.
 */
export async function importedDatabase(
  count: number,
  baseUrl: string | undefined,
  log: (line: string) => void,
): Promise<string> {
  let url: string;
  if (baseUrl && engineOf(baseUrl) === "postgresql")
    url = (await postgresDatabase(baseUrl, `crm_bridge_bench_imported_${count}`, "replace")).url;
  else {
    const dir = join(process.cwd(), "bench", ".data");
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `imported-${count}.db`);
    for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
    url = `file:${file}`;
  }
  await migrate(url);
  const apiKey = "bench-secret-key";
  const fake = await startFake(count, apiKey);
  const client = createDb(url);
  try {
    const started = performance.now();
    const connector = crmcomConnector({ apiUrl: fake.url, auth: { kind: "apiKey", apiKey }, pageSize: 100 });
    const result = await runConnector(connector, { client });
    if (result.status !== "succeeded") throw new Error(`the CRM.COM import failed: ${result.error}`);
    const seconds = (performance.now() - started) / 1000;
    log(
      `imported database: ${result.counts.created?.toLocaleString("en-US")} contacts from CRM.COM in ${seconds.toFixed(1)} s (${engineOf(url)})`,
    );
  } finally {
    fake.stop();
    await client.$disconnect();
  }
  return url;
}
