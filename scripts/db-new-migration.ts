// Writes a new migration for both engines from the change of prisma/schema.prisma since
// the last commit: `npm run db:new-migration -- <name>`. Review the SQL, then commit it.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync, mkdtempSync, existsSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:new-migration -- <name_in_snake_case>");
  process.exit(2);
}
execFileSync("npx", ["tsx", "scripts/db-schema.ts"], { stdio: "inherit" });

const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const tmp = mkdtempSync(join(tmpdir(), "crm-bridge-schema-"));
for (const [schema, dir] of [
  ["prisma/schema.prisma", "prisma/migrations"],
  ["prisma/postgresql/schema.prisma", "prisma/postgresql/migrations"],
] as const) {
  const previous = join(tmp, schema.replace(/\//g, "_"));
  let from = ["--from-empty"];
  try {
    writeFileSync(previous, execFileSync("git", ["show", `HEAD:${schema}`], { stdio: ["ignore", "pipe", "ignore"] }));
    from = ["--from-schema-datamodel", previous];
  } catch {
    // not committed yet: the migration creates everything
  }
  const sql = execFileSync("npx", ["prisma", "migrate", "diff", ...from, "--to-schema-datamodel", schema, "--script"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  const target = join(dir, `${stamp}_${name}`);
  if (existsSync(target)) throw new Error(`${target} exists`);
  mkdirSync(target, { recursive: true });
  writeFileSync(join(target, "migration.sql"), sql);
  console.log(`wrote ${target}/migration.sql`);
}
