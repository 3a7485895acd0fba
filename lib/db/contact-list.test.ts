import { describe, expect, it, beforeAll } from "vitest";
import { createContact, type ContactKind, type ExternalSystem } from "@/lib/db/contacts";
import { foldText } from "@/lib/contacts/normalize";
import { countContactsUpTo, listContacts, type ContactListFilter, type ListCursor } from "./contact-list";

// Names share a prefix no other test uses, so the shared test database's other contacts stay out.
const prefix = "zq list ";
type Made = { id: string; searchName: string; kind: ContactKind; sources: ExternalSystem[] };
const made: Made[] = [];

beforeAll(async () => {
  const specs: [string, ContactKind, ExternalSystem[]][] = [];
  const names = ["amy", "bob", "bob", "bob", "cy", "dee", "éve", "fay", "gus", "hal", "ivy", "jo", "kai", "lu", "max", "ned", "oz"];
  names.forEach((n, i) => {
    const sources: ExternalSystem[] = i % 3 === 0 ? ["housing"] : i % 3 === 1 ? ["crmcom", "housing"] : ["suresend"];
    specs.push([`${prefix}${n}`, i % 4 === 0 ? "company" : "person", sources]);
  });
  for (const [name, kind, sources] of specs) {
    const c = await createContact({
      kind,
      name: kind === "company" ? name : undefined,
      firstName: kind === "person" ? name : undefined,
      externalRefs: sources.map((system, k) => ({ system, externalId: `${name}-${k}-${Math.random()}` })),
    });
    made.push({ id: c.id, searchName: foldText(c.displayName), kind, sources });
  }
  // A contact with two references in one system appears once.
  const twice = await createContact({
    kind: "person",
    firstName: `${prefix}twice`,
    externalRefs: [
      { system: "suresend", externalId: `t1-${Math.random()}` },
      { system: "suresend", externalId: `t2-${Math.random()}` },
    ],
  });
  made.push({ id: twice.id, searchName: foldText(twice.displayName), kind: "person", sources: ["suresend"] });
});

function expected(filter: ContactListFilter): string[] {
  return made
    .filter((m) => m.searchName.startsWith(filter.prefix ?? prefix))
    .filter((m) => !filter.kind || m.kind === filter.kind)
    .filter((m) => !filter.source || m.sources.includes(filter.source))
    .sort((a, b) => (a.searchName < b.searchName ? -1 : a.searchName > b.searchName ? 1 : a.id < b.id ? -1 : 1))
    .map((m) => m.id);
}

const strategies = { "name index": 0, references: 1_000_000 } as const;
const filters: ContactListFilter[] = [
  { prefix },
  { prefix, kind: "company" },
  { prefix, kind: "person", source: "housing" },
  { prefix, source: "suresend" },
  { prefix: `${prefix}bob` },
  { prefix: `${prefix}e` }, // "éve" is folded to "eve"
  { prefix: `${prefix}nobody` },
];

describe("contacts list", () => {
  for (const [strategy, refDrivenBelow] of Object.entries(strategies)) {
    it(`pages forwards and backwards through every filter in name order (${strategy})`, async () => {
      for (const filter of filters) {
        const want = expected(filter);
        const forward: string[] = [];
        const cursors: (ListCursor | undefined)[] = [];
        let after: ListCursor | undefined;
        let pages = 0;
        for (;;) {
          const page = await listContacts(filter, { after }, { take: 3, refDrivenBelow });
          if (pages === 0) expect(page.prev).toBeNull();
          else expect(page.prev).not.toBeNull();
          forward.push(...page.rows.map((r) => r.id));
          cursors.push(page.prev ?? undefined);
          pages++;
          if (!page.next) break;
          after = page.next;
        }
        expect(forward, JSON.stringify(filter)).toEqual(want);
        // Back from the last page to the first.
        const backward: string[] = [];
        let before = cursors.at(-1);
        const lastPage = await listContacts(filter, { after }, { take: 3, refDrivenBelow });
        backward.unshift(...lastPage.rows.map((r) => r.id));
        while (before) {
          const page = await listContacts(filter, { before }, { take: 3, refDrivenBelow });
          expect(page.next).not.toBeNull();
          backward.unshift(...page.rows.map((r) => r.id));
          before = page.prev ?? undefined;
        }
        expect(backward, JSON.stringify(filter)).toEqual(want);
        expect(await countContactsUpTo(filter, 1000, { refDrivenBelow })).toBe(want.length);
        expect(await countContactsUpTo(filter, 2, { refDrivenBelow })).toBe(Math.min(2, want.length));
      }
    });
  }

  it("shows each row's company, first email and phone, and its sources once each", async () => {
    const company = await createContact({ kind: "company", name: `${prefix}zz acme`, externalRefs: [{ system: "crmcom", externalId: `acme-${Math.random()}` }] });
    await createContact({
      kind: "person",
      firstName: `${prefix}zz worker`,
      companyId: company.id,
      emails: [{ email: "second@example.com" }, { email: "Main@Example.com", isPrimary: true }],
      phones: [{ phone: "+1 555 0100" }],
      externalRefs: [
        { system: "housing", externalId: `w1-${Math.random()}` },
        { system: "housing", externalId: `w2-${Math.random()}` },
      ],
    });
    const { rows } = await listContacts({ prefix: `${prefix}zz worker` }, {});
    expect(rows).toEqual([
      expect.objectContaining({ kind: "person", displayName: `${prefix}zz worker`, companyName: `${prefix}zz acme`, email: "Main@Example.com", phone: "+1 555 0100", sources: ["housing"] }),
    ]);
  });
});
