// Contact search against the real test database (SQLite, or PostgreSQL when
// DATABASE_URL says so): ranking, folding, every kind of value, short terms, and the
// index staying in step with every writer.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { engineOf } from "@/lib/db/client-url";
import { createContact } from "@/lib/db/contacts";
import { foldText } from "@/lib/contacts/normalize";
import { env } from "@/lib/env";
import { searchContacts } from "./contact-search";
import { sql } from "@/lib/db/driver";

// Every name carries a marker so this file's contacts do not meet other tests' data.
const names = async (q: string) => (await searchContacts(q)).map((r) => r.name);

type Extra = Omit<Parameters<typeof createContact>[0], "kind" | "firstName" | "lastName">;
const person = (firstName: string, lastName: string, extra: Extra = {}) =>
  createContact({ ...extra, kind: "person", firstName, lastName });

beforeAll(async () => {
  await createContact({ kind: "company", name: "Qzred" });
  await person("Qzredmond", "Co");
  await person("Susan", "Qzred");
  await person("Frank", "Qzredford");
  await person("Alfqzred", "Smith");
  await person("Unrelated", "Person", { emails: [{ email: "Info.QZRED@Example.COM" }] });
  await person("José", "Álvarez-Qzúñiga", {
    emails: [{ email: "josé.qzalvarez@exemple.fr" }],
    phones: [{ phone: "+58 (412) 987-6543" }],
  });
  await person("Phone", "Qzowner", { phones: [{ phone: "+44 20 7946 0958" }, { phone: "0301234" }] });
  await createContact({ kind: "company", name: '100% Qzpure_Co "Quoted" \\ Ltd' });
});

describe("searchContacts", () => {
  it("ranks whole name, then name or word starting with q, then q anywhere (names and emails)", async () => {
    expect(await names("qzred")).toEqual([
      "Qzred",
      "Qzredmond Co",
      "Frank Qzredford",
      "Susan Qzred",
      "Alfqzred Smith",
      "Unrelated Person",
    ]);
  });

  it("is case- and accent-insensitive, over names and emails", async () => {
    for (const q of ["jose alvarez", "JOSÉ ÁLVAREZ", "José Alvarez-qzuñiga", "QZUNIGA", "qzúñ"]) {
      expect(await names(q), q).toEqual(["José Álvarez-Qzúñiga"]);
    }
    expect(await names("jose.qzalv")).toEqual(["José Álvarez-Qzúñiga"]);
    expect(await names("josé.qzalvarez@exemple.fr")).toEqual(["José Álvarez-Qzúñiga"]);
  });

  it("finds emails equal to, starting with, or containing q", async () => {
    expect(await names("info.qzred@example.com")).toEqual(["Unrelated Person"]);
    expect(await names("INFO.qz")).toEqual(["Unrelated Person"]);
    expect(await names("qzred@exam")).toEqual(["Unrelated Person"]);
  });

  it("matches phone digits when q is a phone number, however it is written", async () => {
    for (const q of ["+58 412 987 6543", "584129876543", "(412) 987-65", "987-6543", "5841"]) {
      expect(await names(q), q).toEqual(["José Álvarez-Qzúñiga"]);
    }
    expect(await names("7946 0958")).toEqual(["Phone Qzowner"]);
    expect(await names("0301")).toEqual(["Phone Qzowner"]);
    expect(await names("qzowner 0301")).toEqual([]); // letters and digits: a name, not a phone
  });

  it("serves short terms by prefix: one character and two", async () => {
    expect(await names("q")).toEqual(expect.arrayContaining(["Qzred", "Qzredmond Co"]));
    expect(await names("q")).not.toContain("Susan Qzred");
    // "qz" after a space is a word start the trigram index serves; after "-" it is not.
    expect(await names("Qz")).toEqual([
      "Qzred",
      "Qzredmond Co",
      '100% Qzpure_Co "Quoted" \\ Ltd',
      "Frank Qzredford",
      "Phone Qzowner",
      "Susan Qzred",
    ]);
  });

  it("finds nothing for an empty or blank term, or a term nobody has", async () => {
    expect(await searchContacts("")).toEqual([]);
    expect(await searchContacts("   ")).toEqual([]);
    expect(await searchContacts("qzxqzxqzx")).toEqual([]);
  });

  it("treats SQL and full-text syntax in q literally", async () => {
    expect(await names("100% qzpure_co")).toEqual(['100% Qzpure_Co "Quoted" \\ Ltd']);
    expect(await names('"quoted" \\')).toEqual(['100% Qzpure_Co "Quoted" \\ Ltd']);
    expect(await names("qzpure%co")).toEqual([]);
    expect(await names("q_red")).toEqual([]);
    for (const q of ["%", "_", "*", '"', "' OR 1=1 --", "NEAR(a b)", "qz*", "{name}: x", "\\"]) {
      expect(Array.isArray(await searchContacts(q)), q).toBe(true);
    }
    expect(await names("%")).toEqual([]); // a one-character term is a prefix, never a wildcard
  });

  it("answers at most 20 results", async () => {
    await db().contact.createMany({
      data: Array.from({ length: 30 }, (_, i) => {
        const displayName = `Qzlimit ${String(i).padStart(2, "0")}`;
        return { kind: "person", displayName, searchName: foldText(displayName) };
      }),
    });
    const results = await names("qzlimit");
    expect(results).toHaveLength(20);
    expect(results[0]).toBe("Qzlimit 00");
    expect(results[19]).toBe("Qzlimit 19");
  });
});

describe("the search index stays in step with every writer", () => {
  it("follows a rename", async () => {
    const contact = await createContact({ kind: "company", name: "Qzoldname Ltd" });
    await db().contact.update({
      where: { id: contact.id },
      data: { displayName: "Qznewname Ltd", searchName: "qznewname ltd" },
    });
    expect(await names("qzoldname")).toEqual([]);
    expect(await names("newname")).toEqual(["Qznewname Ltd"]);
  });

  it("follows emails and phones added, changed and removed", async () => {
    const contact = await createContact({ kind: "person", firstName: "Qzchanging", lastName: "Values" });
    const email = await db().contactEmail.create({
      data: { contactId: contact.id, email: "a@qzfirst.example", emailLower: "a@qzfirst.example" },
    });
    expect(await names("qzfirst")).toEqual(["Qzchanging Values"]);
    await db().contactEmail.update({
      where: { id: email.id },
      data: { email: "a@qzsecond.example", emailLower: "a@qzsecond.example" },
    });
    expect(await names("qzfirst")).toEqual([]);
    expect(await names("qzsecond")).toEqual(["Qzchanging Values"]);
    await db().contactEmail.delete({ where: { id: email.id } });
    expect(await names("qzsecond")).toEqual([]);

    const phone = await db().contactPhone.create({
      data: { contactId: contact.id, phone: "777 6661", digits: "7776661" },
    });
    expect(await names("776 66")).toEqual(["Qzchanging Values"]);
    await db().contactPhone.delete({ where: { id: phone.id } });
    expect(await names("776 66")).toEqual([]);
  });

  it("forgets a deleted contact with its emails and phones", async () => {
    const contact = await createContact({
      kind: "person",
      firstName: "Qzdeleted",
      lastName: "Person",
      emails: [{ email: "gone@qzdeleted.example" }],
      phones: [{ phone: "888 1112223" }],
    });
    expect(await names("qzdeleted")).toEqual(["Qzdeleted Person"]);
    await db().contact.delete({ where: { id: contact.id } });
    expect(await names("qzdeleted")).toEqual([]);
    expect(await names("8881112223")).toEqual([]);
  });

  it("covers bulk writes (createMany) as well", async () => {
    const [a, b] = ["Qzbulk Alpha", "Qzbulk Beta"].map((displayName) => ({ id: `qzbulk-${displayName}`, displayName }));
    await db().contact.createMany({
      data: [a!, b!].map((c) => ({ ...c, kind: "person", searchName: foldText(c.displayName) })),
    });
    await db().contactEmail.createMany({
      data: [{ contactId: a!.id, email: "x@qzbulkmail.example", emailLower: "x@qzbulkmail.example" }],
    });
    expect(await names("qzbulk")).toEqual(["Qzbulk Alpha", "Qzbulk Beta"]);
    expect(await names("qzbulkmail")).toEqual(["Qzbulk Alpha"]);
  });

  it("has its triggers (SQLite) or indexes (PostgreSQL) in place after all migrations", async () => {
    if (engineOf(env().databaseUrl) === "sqlite") {
      const rows = await sql().query<{ name: string }>(
        `SELECT "name" FROM "sqlite_master" WHERE "type" = 'trigger' ORDER BY "name"`,
      );
      const triggers = rows.map((r) => r.name);
      for (const table of ["Contact", "ContactEmail", "ContactPhone"]) {
        for (const event of ["ai", "au", "ad"]) expect(triggers).toContain(`${table}_search_${event}`);
      }
    } else {
      const rows = await sql().query<{ indexname: string }>(
        `SELECT "indexname"::text AS "indexname" FROM "pg_indexes" WHERE "indexname" LIKE '%_trgm_idx'`,
      );
      expect(rows.map((r) => r.indexname).sort()).toEqual([
        "ContactEmail_emailFolded_trgm_idx",
        "ContactPhone_digits_trgm_idx",
        "Contact_searchName_trgm_idx",
      ]);
    }
  });
});
