// The admin contacts list. Browsing: people and companies in name order, filtered by
// kind and by the system they came from, paged by keyset (the last name and id shown),
// never by OFFSET, so the 5,000th page costs what the first does. Names are ordered in
// their folded form (Contact.searchName, indexed alone and with kind). Searching goes
// through the shared contact search (lib/db/contact-search.ts); its ranked ids are
// shown with listContactsByIds.
//
// A source filter is read one of two ways. A common source is read in name order along
// the searchName index, checking each contact's references: a page needs only a few
// index entries per hit. A rare source would make that walk long (a source with 10
// contacts among a million reads the whole index), so when a source has fewer than
// `refDrivenBelow` references the page is read from its references instead (indexed by
// system) and sorted: at most that many rows, whatever the table's size.
import type { Db } from "@/lib/db/client";
import { db } from "@/lib/db/client";
import { Prisma } from "@/generated/sqlite/client";
import type { ContactKind, ExternalSystem } from "@/lib/db/contacts";

export type ContactListFilter = { kind?: ContactKind; source?: ExternalSystem };
export type ListCursor = { name: string; id: string };
export type ListPosition = { after?: ListCursor; before?: ListCursor };
type Bound = { cursor: ListCursor; direction: "after" | "before" };

export type ListOptions = {
  /** rows per page */
  take?: number;
  /** below this many references a source's pages are read from its references (tests change it) */
  refDrivenBelow?: number;
  client?: Db;
};

/** Below this many references, a source's page is read from its references (see above). */
export const refDrivenBelow = 10_000;

export type ContactListRow = {
  id: string;
  kind: string;
  displayName: string;
  companyName: string | null;
  email: string | null;
  phone: string | null;
  sources: string[];
};

const rowSelect = {
  id: true,
  kind: true,
  displayName: true,
  searchName: true,
  company: { select: { displayName: true } },
  emails: { select: { email: true }, orderBy: [{ isPrimary: "desc" }, { id: "asc" }], take: 1 },
  phones: { select: { phone: true }, orderBy: [{ isPrimary: "desc" }, { id: "asc" }], take: 1 },
  externalRefs: { select: { system: true }, orderBy: { system: "asc" }, take: 8 },
} satisfies Prisma.ContactSelect;

type SelectedRow = Prisma.ContactGetPayload<{ select: typeof rowSelect }>;

function toRow(r: SelectedRow): ContactListRow {
  return {
    id: r.id,
    kind: r.kind,
    displayName: r.displayName,
    companyName: r.company?.displayName ?? null,
    email: r.emails[0]?.email ?? null,
    phone: r.phones[0]?.phone ?? null,
    sources: [...new Set(r.externalRefs.map((e) => e.system))],
  };
}

function filterWhere(filter: ContactListFilter): Prisma.ContactWhereInput {
  return {
    ...(filter.kind ? { kind: filter.kind } : {}),
    ...(filter.source ? { externalRefs: { some: { system: filter.source } } } : {}),
  };
}

/** The where clause of one page read along the name index: the filter and the keyset bound. */
function pageWhere(filter: ContactListFilter, bound?: Bound): Prisma.ContactWhereInput {
  if (!bound) return filterWhere(filter);
  const { name, id } = bound.cursor;
  // One bound on the indexed column, ties on the name broken by id.
  return bound.direction === "after"
    ? { ...filterWhere(filter), searchName: { gte: name }, NOT: { searchName: name, id: { lte: id } } }
    : { ...filterWhere(filter), searchName: { lte: name }, NOT: { searchName: name, id: { gte: id } } };
}

/** The same conditions in SQL, over references r joined to their contacts c. */
function refConditions(filter: ContactListFilter & { source: ExternalSystem }, bound?: Bound): Prisma.Sql {
  const conditions = [Prisma.sql`c."id" = r."contactId"`, Prisma.sql`r."system" = ${filter.source}`];
  if (filter.kind) conditions.push(Prisma.sql`c."kind" = ${filter.kind}`);
  if (bound?.direction === "after") conditions.push(Prisma.sql`(c."searchName", c."id") > (${bound.cursor.name}, ${bound.cursor.id})`);
  if (bound?.direction === "before") conditions.push(Prisma.sql`(c."searchName", c."id") < (${bound.cursor.name}, ${bound.cursor.id})`);
  return Prisma.join(conditions, " AND ");
}

/** The page's ids in order, read from the source's references. */
async function refDrivenPage(filter: ContactListFilter & { source: ExternalSystem }, bound: Bound | undefined, take: number, client: Db) {
  const order = bound?.direction === "before" ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  // GROUP BY: a contact may hold two references in one system. CROSS JOIN keeps SQLite's
  // join order (references first); PostgreSQL plans it from its statistics.
  const rows = await client.$queryRaw<{ id: string }[]>`
    SELECT c."id" AS "id", c."searchName" AS "searchName"
    FROM "ExternalRef" r CROSS JOIN "Contact" c
    WHERE ${refConditions(filter, bound)}
    GROUP BY c."id", c."searchName"
    ORDER BY c."searchName" ${order}, c."id" ${order}
    LIMIT ${take + 1}`;
  return rows.map((r) => r.id);
}

/** Whether a source is rare enough to read its pages from its references. */
async function isRareSource(source: ExternalSystem, below: number, client: Db): Promise<boolean> {
  return (await client.externalRef.count({ where: { system: source }, take: below })) < below;
}

async function rowsInOrder(ids: readonly string[], where: Prisma.ContactWhereInput, client: Db): Promise<SelectedRow[]> {
  if (ids.length === 0) return [];
  const found = await client.contact.findMany({ where: { ...where, id: { in: [...ids] } }, select: rowSelect });
  const byId = new Map(found.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export async function listContacts(
  filter: ContactListFilter,
  position: ListPosition,
  { take = 50, refDrivenBelow: below = refDrivenBelow, client = db() }: ListOptions = {},
): Promise<{ rows: ContactListRow[]; next: ListCursor | null; prev: ListCursor | null }> {
  const bound: Bound | undefined = position.after
    ? { cursor: position.after, direction: "after" }
    : position.before
      ? { cursor: position.before, direction: "before" }
      : undefined;
  const backward = bound?.direction === "before";
  const order = backward ? ("desc" as const) : ("asc" as const);
  const found =
    filter.source && (await isRareSource(filter.source, below, client))
      ? await rowsInOrder(await refDrivenPage({ ...filter, source: filter.source }, bound, take, client), {}, client)
      : await client.contact.findMany({
          where: pageWhere(filter, bound),
          orderBy: [{ searchName: order }, { id: order }],
          take: take + 1,
          select: rowSelect,
        });
  const more = found.length > take;
  const shown = found.slice(0, take);
  if (backward) shown.reverse();
  const first = shown[0];
  const last = shown.at(-1);
  const cursorOf = (r: SelectedRow): ListCursor => ({ name: r.searchName, id: r.id });
  return {
    rows: shown.map(toRow),
    next: last && (backward || more) ? cursorOf(last) : null,
    prev: first && (backward ? more : bound !== undefined) ? cursorOf(first) : null,
  };
}

/** How many contacts match, counted up to `cap` (an exact count of a million rows is not worth its time). */
export async function countContactsUpTo(
  filter: ContactListFilter,
  cap: number,
  { refDrivenBelow: below = refDrivenBelow, client = db() }: Omit<ListOptions, "take"> = {},
): Promise<number> {
  if (filter.source && (await isRareSource(filter.source, below, client))) {
    const [row] = await client.$queryRaw<{ n: number | bigint }[]>`
      SELECT COUNT(*) AS "n" FROM (
        SELECT c."id" FROM "ExternalRef" r CROSS JOIN "Contact" c
        WHERE ${refConditions({ ...filter, source: filter.source })}
        GROUP BY c."id" LIMIT ${cap}
      ) AS "page"`;
    return Number(row?.n ?? 0);
  }
  return client.contact.count({ where: filterWhere(filter), take: cap });
}

/** These contacts (search results) in the order given, keeping those that pass the filter. */
export async function listContactsByIds(ids: readonly string[], filter: ContactListFilter, client: Db = db()): Promise<ContactListRow[]> {
  return (await rowsInOrder(ids, filterWhere(filter), client)).map(toRow);
}

/** Display names of these contacts, by id (missing ones are left out). */
export async function findContactNames(ids: readonly string[], client: Db = db()): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await client.contact.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, displayName: true } });
  return new Map(rows.map((r) => [r.id, r.displayName]));
}
