// The contacts list against a database of its own (it lists everything, so other test
// files' contacts must not show up), through both ways a source filter is read.
import { describe, expect, it, beforeAll } from "vitest";
import { useOwnDatabase } from "@/tests/support/own-database";
import { createContact, type ContactKind, type ExternalSystem } from "@/lib/db/contacts";
import { foldText } from "@/lib/contacts/normalize";
import {
  countContactsUpTo,
  listContacts,
  listContactsByIds,
  type ContactListFilter,
  type ListCursor,
} from "./contact-list";

const database = useOwnDatabase();
type Made = { id: string; searchName: string; kind: ContactKind; sources: ExternalSystem[] };
const made: Made[] = [];

beforeAll(async () => {
  const client = database.client;
  const names = [
    "amy",
    "bob",
    "bob",
    "bob",
    "cy",
    "dee",
    "éve",
    "Eve",
    "fay",
    "gus",
    "hal",
    "ivy",
    "jo",
    "kai",
    "lu",
    "max",
    "ned",
    "oz",
  ];
  for (const [i, name] of names.entries()) {
    const kind: ContactKind = i % 4 === 0 ? "company" : "person";
    const sources: ExternalSystem[] = i % 3 === 0 ? ["housing"] : i % 3 === 1 ? ["crmcom", "housing"] : ["suresend"];
    const c = await createContact(
      {
        kind,
        name: kind === "company" ? name : undefined,
        firstName: kind === "person" ? name : undefined,
        externalRefs: sources.map((system, k) => ({ system, externalId: `${name}-${i}-${k}` })),
      },
      client,
    );
    made.push({ id: c.id, searchName: foldText(c.displayName), kind, sources });
  }
  // A contact with two references in one system appears once.
  const twice = await createContact(
    {
      kind: "person",
      firstName: "twice",
      externalRefs: [
        { system: "suresend", externalId: "t1" },
        { system: "suresend", externalId: "t2" },
      ],
    },
    client,
  );
  made.push({ id: twice.id, searchName: "twice", kind: "person", sources: ["suresend"] });
});

function expected(filter: ContactListFilter): string[] {
  return made
    .filter((m) => !filter.kind || m.kind === filter.kind)
    .filter((m) => !filter.source || m.sources.includes(filter.source))
    .sort((a, b) => (a.searchName < b.searchName ? -1 : a.searchName > b.searchName ? 1 : a.id < b.id ? -1 : 1))
    .map((m) => m.id);
}

/** Each way a page is read: along the name index, from the source's references, and along the index in small steps. */
const strategies = {
  "name index": { refDrivenBelow: 0 },
  references: { refDrivenBelow: 1_000_000 },
  "name index, 2 entries a page": { refDrivenBelow: 0, scanBudget: 2 },
  "name index, 5 entries a page in two windows": { refDrivenBelow: 0, scanBudget: 5 },
} as const;
const filters: ContactListFilter[] = [
  {},
  { kind: "company" },
  { kind: "person", source: "housing" },
  { source: "suresend" },
  { source: "retailcrm" },
];
/** Sorts after every contact: a "before" cursor to walk back from the end. */
const end: ListCursor = { name: "\u{10FFFF}", id: "~" };

describe("contacts list", () => {
  for (const [strategy, settings] of Object.entries(strategies)) {
    it(`pages forwards and backwards through every filter in name order (${strategy})`, async () => {
      const options = { take: 3, ...settings, client: database.client };
      for (const filter of filters) {
        const want = expected(filter);
        const label = `${strategy} ${JSON.stringify(filter)}`;
        const forward: string[] = [];
        let after: ListCursor | undefined;
        for (let pages = 0; ; pages++) {
          const page = await listContacts(filter, { after }, options);
          if (pages === 0) expect(page.prev, label).toBeNull();
          expect(page.rows.length, label).toBeLessThanOrEqual(3);
          if (!page.partial) expect(page.rows.length === 3 || page.next === null, label).toBe(true);
          forward.push(...page.rows.map((r) => r.id));
          if (!page.next) break;
          after = page.next;
        }
        expect(forward, label).toEqual(want);
        const backward: string[] = [];
        let before: ListCursor | undefined = end;
        while (before) {
          const page = await listContacts(filter, { before }, options);
          backward.unshift(...page.rows.map((r) => r.id));
          before = page.prev ?? undefined;
        }
        expect(backward, label).toEqual(want);
        const count = await countContactsUpTo(filter, 1000, options);
        if ("scanBudget" in settings && filter.source) expect(count, label).toBeNull();
        else expect(count, label).toBe(want.length);
        if (!("scanBudget" in settings))
          expect(await countContactsUpTo(filter, 2, options), label).toBe(Math.min(2, want.length));
      }
    });
  }

  it("ends a sparse page early at its budget and says where to read on", async () => {
    const filter = { source: "retailcrm" as const };
    const page = await listContacts(filter, {}, { take: 3, refDrivenBelow: 0, scanBudget: 2, client: database.client });
    expect(page.partial).toBe(true);
    expect(page.rows).toHaveLength(0); // the first two names have no retailCRM reference
    expect(page.next).toEqual({ name: made.map((m) => m.searchName).sort()[1], id: expect.any(String) });
  });

  it("shows each row's company, first email and phone, and its sources once each", async () => {
    const client = database.client;
    const company = await createContact(
      { kind: "company", name: "zz acme", externalRefs: [{ system: "crmcom", externalId: "acme" }] },
      client,
    );
    const worker = await createContact(
      {
        kind: "person",
        firstName: "zz worker",
        companyId: company.id,
        emails: [{ email: "second@example.com" }, { email: "Main@Example.com", isPrimary: true }],
        phones: [{ phone: "+1 555 0100" }],
        externalRefs: [
          { system: "housing", externalId: "w1" },
          { system: "housing", externalId: "w2" },
        ],
      },
      client,
    );
    const rows = await listContactsByIds([worker.id, company.id, "missing"], {}, client);
    expect(rows).toEqual([
      {
        id: worker.id,
        kind: "person",
        displayName: "zz worker",
        companyName: "zz acme",
        email: "Main@Example.com",
        phone: "+1 555 0100",
        sources: ["housing"],
      },
      {
        id: company.id,
        kind: "company",
        displayName: "zz acme",
        companyName: null,
        email: null,
        phone: null,
        sources: ["crmcom"],
      },
    ]);
    // Search results keep their order and pass through the filters.
    expect((await listContactsByIds([company.id, worker.id], { kind: "person" }, client)).map((r) => r.id)).toEqual([
      worker.id,
    ]);
    expect((await listContactsByIds([company.id, worker.id], { source: "crmcom" }, client)).map((r) => r.id)).toEqual([
      company.id,
    ]);
  });
});
