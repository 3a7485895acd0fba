// The migration that makes phone numbers unique per contact (*_contact_phone_unique_digits)
// must succeed on a database that already holds a contact's number twice, as createContact
// stored them before the contact rules: the later copies go, the first keeps a primary mark.
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Db, createDb } from "@/lib/db/client";
import { migrate, migrationsDir } from "@/lib/db/migrate";
import { createTestDatabase, type TestDatabase } from "@/tests/support/test-database";

const migration = "contact_phone_unique_digits";
let database: TestDatabase;
let client: Db;
let before: string;

beforeAll(async () => {
  database = await createTestDatabase(process.env.DATABASE_URL, { migrated: false });
  // A project root holding only the migrations before this one.
  before = mkdtempSync(join(tmpdir(), "crm-bridge-before-"));
  const dir = migrationsDir(database.url);
  for (const name of readdirSync(dir)) {
    if (name.endsWith(migration)) break;
    cpSync(join(dir, name), join(before, relative(process.cwd(), dir), name), { recursive: true });
  }
  await migrate(database.url, before);
  client = createDb(database.url);
});

afterAll(async () => {
  await client?.$disconnect();
  await database?.drop();
  rmSync(before, { recursive: true, force: true });
});

const phone = (id: string, phone: string, isPrimary = false) => ({
  id,
  phone,
  digits: phone.replace(/\D/g, ""),
  isPrimary,
});

describe(`migration ${migration}`, () => {
  it("keeps the first copy of each contact's number (primary when any copy was), removes the rest, then refuses copies", async () => {
    const contact = (id: string, phones: ReturnType<typeof phone>[]) =>
      client.contact.create({
        data: { id, kind: "person", displayName: id, searchName: id, phones: { create: phones } },
      });
    await contact("a", [phone("p1", "+1 555"), phone("p2", "1-555", true), phone("p3", "999")]);
    await contact("b", [phone("p4", "1555")]);
    await contact("c", [phone("p5", "7", true), phone("p6", "(7)"), phone("p7", "7", true)]);

    // This migration first, then any after it.
    expect((await migrate(database.url))[0]).toMatch(new RegExp(`_${migration}$`));

    const rows = await client.contactPhone.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.id, r.contactId, r.phone, r.isPrimary])).toEqual([
      ["p1", "a", "+1 555", true],
      ["p3", "a", "999", false],
      ["p4", "b", "1555", false],
      ["p5", "c", "7", true],
    ]);
    await expect(
      client.contactPhone.create({ data: { contactId: "b", phone: "+1 (555)", digits: "1555" } }),
    ).rejects.toThrow();
    await client.contactPhone.create({ data: { contactId: "c", phone: "1 555", digits: "1555" } });
  });
});
