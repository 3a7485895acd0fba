// The admin contacts list. Browsing: people and companies in name order, filtered by
// kind and by the system they came from, paged by keyset (the last name and id shown),
// never by OFFSET, so the 5,000th page costs what the first does. Names are ordered in
// their folded form (Contact.searchName, indexed alone and with kind). Searching goes
// through the shared contact search (lib/db/contact-search.ts); its ranked ids are
// shown with listContactsByIds.
//
// A source filter is read one of two ways, each with bounded work per page. A source
// with fewer than `refDrivenBelow` references is read from its references (indexed by
// system) and sorted: at most that many rows, whatever the table's size. A common source
// is read in name order along the searchName index, checking each contact's references:
// usually a few index entries per hit. Where its contacts are sparse in that stretch of
// names (or none match the kind as well), a page stops after `scanBudget` index entries
// and ends early, its "next" cursor continuing after the last name it read.
import "server-only";
import type { Db } from "@/lib/db/client";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/generated/sqlite/client";
import { type SqlFragment, emptyFragment, fragment, joinFragments, queryFragment, sqlOf } from "@/lib/db/driver";
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
  /** most index entries one page of a common source reads (tests lower it) */
  scanBudget?: number;
  client?: Db;
};

export type ContactListPage = {
  rows: ContactListRow[];
  next: ListCursor | null;
  prev: ListCursor | null;
  /** the page ended early at the scan budget: `next` continues after the last name read */
  partial: boolean;
};

/** Below this many references, a source's page is read from its references (see above). */
export const refDrivenBelow = 20_000;
/** Most index entries one page of a common source reads (see above). */
export const scanBudget = 10_000;

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
function refConditions(filter: ContactListFilter & { source: ExternalSystem }, bound?: Bound): SqlFragment {
  const conditions = [fragment`c."id" = r."contactId"`, fragment`r."system" = ${filter.source}`];
  if (filter.kind) conditions.push(fragment`c."kind" = ${filter.kind}`);
  if (bound?.direction === "after")
    conditions.push(fragment`(c."searchName", c."id") > (${bound.cursor.name}, ${bound.cursor.id})`);
  if (bound?.direction === "before")
    conditions.push(fragment`(c."searchName", c."id") < (${bound.cursor.name}, ${bound.cursor.id})`);
  return joinFragments(conditions, " AND ");
}

/** The page's ids in order, read from the source's references. */
async function refDrivenPage(
  filter: ContactListFilter & { source: ExternalSystem },
  bound: Bound | undefined,
  take: number,
  client: Db,
) {
  const order = bound?.direction === "before" ? fragment`DESC` : fragment`ASC`;
  // GROUP BY: a contact may hold two references in one system. CROSS JOIN keeps SQLite's
  // join order (references first); PostgreSQL plans it from its statistics.
  const rows = await queryFragment<{ id: string }>(
    sqlOf(client),
    fragment`
    SELECT c."id" AS "id", c."searchName" AS "searchName"
    FROM "ExternalRef" r CROSS JOIN "Contact" c
    WHERE ${refConditions(filter, bound)}
    GROUP BY c."id", c."searchName"
    ORDER BY c."searchName" ${order}, c."id" ${order}
    LIMIT ${take + 1}`,
  );
  return rows.map((r) => r.id);
}

/**
 * One window of the name index for a common source: at most `entries` entries from the
 * bound, and the ids among them with a reference in the source (at most `want`). When
 * the window was read to its end without finding `want`, says where it stopped.
 */
async function scanWindow(
  filter: ContactListFilter & { source: ExternalSystem },
  bound: Bound | undefined,
  direction: Bound["direction"],
  want: number,
  entries: number,
  client: Db,
): Promise<{ ids: string[]; stoppedAt: ListCursor | null }> {
  const conditions: SqlFragment[] = [];
  if (filter.kind) conditions.push(fragment`c."kind" = ${filter.kind}`);
  if (bound) {
    const { name, id } = bound.cursor;
    conditions.push(
      direction === "after"
        ? fragment`c."searchName" >= ${name} AND NOT (c."searchName" = ${name} AND c."id" <= ${id})`
        : fragment`c."searchName" <= ${name} AND NOT (c."searchName" = ${name} AND c."id" >= ${id})`,
    );
  }
  const where = conditions.length > 0 ? fragment`WHERE ${joinFragments(conditions, " AND ")}` : emptyFragment;
  const order = direction === "before" ? fragment`DESC` : fragment`ASC`;
  // The inner LIMIT bounds the entries read; the outer query keeps those with a reference.
  const window = fragment`SELECT c."id", c."searchName" FROM "Contact" c ${where} ORDER BY c."searchName" ${order}, c."id" ${order}`;
  const hits = await queryFragment<{ id: string }>(
    sqlOf(client),
    fragment`
    SELECT w."id" AS "id" FROM (${window} LIMIT ${entries}) w
    WHERE EXISTS (SELECT 1 FROM "ExternalRef" r WHERE r."contactId" = w."id" AND r."system" = ${filter.source})
    ORDER BY w."searchName" ${order}, w."id" ${order}
    LIMIT ${want}`,
  );
  if (hits.length >= want) return { ids: hits.map((h) => h.id), stoppedAt: null };
  const [last] = await queryFragment<{ id: string; searchName: string }>(
    sqlOf(client),
    fragment`${window} LIMIT 1 OFFSET ${entries - 1}`,
  );
  return { ids: hits.map((h) => h.id), stoppedAt: last ? { name: last.searchName, id: last.id } : null };
}

/**
 * A page of a common source along the name index, reading at most `budget` entries:
 * the matching ids in order (up to take + 1), and where the read stopped when it used
 * the whole budget without filling the page.
 */
async function budgetedPage(
  filter: ContactListFilter & { source: ExternalSystem },
  bound: Bound | undefined,
  take: number,
  budget: number,
  client: Db,
): Promise<{ ids: string[]; stoppedAt: ListCursor | null }> {
  const direction = bound?.direction ?? "after";
  // A small first window (500 of 10,000): most pages of a common source fill in it, and
  // only sparse ones read on (each window is read whole, so the split matters).
  const first = Math.max(1, Math.floor(budget / 20));
  const windows = budget > first ? [first, budget - first] : [budget];
  const ids: string[] = [];
  let from = bound;
  for (const entries of windows) {
    const window = await scanWindow(filter, from, direction, take + 1 - ids.length, entries, client);
    ids.push(...window.ids);
    if (window.stoppedAt === null) return { ids, stoppedAt: null };
    from = { cursor: window.stoppedAt, direction };
  }
  return { ids, stoppedAt: from?.cursor ?? null };
}

/** Whether a source is rare enough to read its pages from its references. */
async function isRareSource(source: ExternalSystem, below: number, client: Db): Promise<boolean> {
  // Raw: Prisma's count with `take` orders the rows by id first, reading every reference of the source.
  const [row] = await queryFragment<{ n: number }>(
    sqlOf(client),
    fragment`
    SELECT COUNT(*) AS "n" FROM (SELECT 1 FROM "ExternalRef" WHERE "system" = ${source} LIMIT ${below}) AS "refs"`,
    { n: "number" },
  );
  return (row?.n ?? 0) < below;
}

async function rowsInOrder(
  ids: readonly string[],
  where: Prisma.ContactWhereInput,
  client: Db,
): Promise<SelectedRow[]> {
  if (ids.length === 0) return [];
  const found = await client.contact.findMany({ where: { ...where, id: { in: [...ids] } }, select: rowSelect });
  const byId = new Map(found.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export async function listContacts(
  filter: ContactListFilter,
  position: ListPosition,
  {
    take = 50,
    refDrivenBelow: below = refDrivenBelow,
    scanBudget: budget = scanBudget,
    client = db(),
  }: ListOptions = {},
): Promise<ContactListPage> {
  const bound: Bound | undefined = position.after
    ? { cursor: position.after, direction: "after" }
    : position.before
      ? { cursor: position.before, direction: "before" }
      : undefined;
  const backward = bound?.direction === "before";
  const order = backward ? ("desc" as const) : ("asc" as const);
  let found: SelectedRow[];
  let stoppedAt: ListCursor | null = null;
  if (filter.source && (await isRareSource(filter.source, below, client))) {
    found = await rowsInOrder(
      await refDrivenPage({ ...filter, source: filter.source }, bound, take, client),
      {},
      client,
    );
  } else if (filter.source) {
    const page = await budgetedPage({ ...filter, source: filter.source }, bound, take, budget, client);
    found = await rowsInOrder(page.ids, {}, client);
    stoppedAt = page.stoppedAt;
  } else {
    found = await client.contact.findMany({
      where: pageWhere(filter, bound),
      orderBy: [{ searchName: order }, { id: order }],
      take: take + 1,
      select: rowSelect,
    });
  }
  const more = found.length > take;
  const shown = found.slice(0, take);
  if (backward) shown.reverse();
  const first = shown[0];
  const last = shown.at(-1);
  const cursorOf = (r: SelectedRow): ListCursor => ({ name: r.searchName, id: r.id });
  // Reading on in the page's direction: from the last row shown, or from where the budget ran out.
  const onward = more && (backward ? first : last) ? cursorOf(backward ? first! : last!) : stoppedAt;
  const back = backward
    ? last
      ? cursorOf(last)
      : bound.cursor
    : first && bound !== undefined
      ? cursorOf(first)
      : null;
  return {
    rows: shown.map(toRow),
    next: backward ? back : onward,
    prev: backward ? onward : back,
    partial: stoppedAt !== null,
  };
}

/**
 * How many contacts match, counted up to `cap` (an exact count of a million rows is not
 * worth its time); null when a common source's contacts are too sparse to count within
 * the scan budget.
 */
export async function countContactsUpTo(
  filter: ContactListFilter,
  cap: number,
  {
    refDrivenBelow: below = refDrivenBelow,
    scanBudget: budget = scanBudget,
    client = db(),
  }: Omit<ListOptions, "take"> = {},
): Promise<number | null> {
  if (!filter.source) return client.contact.count({ where: filterWhere(filter), take: cap });
  const matches = filter.kind ? fragment`AND c."kind" = ${filter.kind}` : emptyFragment;
  if (await isRareSource(filter.source, below, client)) {
    const [row] = await queryFragment<{ n: number }>(
      sqlOf(client),
      fragment`
      SELECT COUNT(*) AS "n" FROM (
        SELECT c."id" FROM "ExternalRef" r CROSS JOIN "Contact" c
        WHERE ${refConditions({ ...filter, source: filter.source })}
        GROUP BY c."id" LIMIT ${cap}
      ) AS "page"`,
      { n: "number" },
    );
    return row?.n ?? 0;
  }
  // Counted among the first `budget` names only, and stopping at `cap` matches.
  const window = fragment`SELECT c."id" FROM "Contact" c WHERE 1 = 1 ${matches} ORDER BY c."searchName", c."id" LIMIT ${budget}`;
  const [counted] = await queryFragment<{ n: number }>(
    sqlOf(client),
    fragment`
    SELECT COUNT(*) AS "n" FROM (
      SELECT 1 FROM (${window}) w
      WHERE EXISTS (SELECT 1 FROM "ExternalRef" r WHERE r."contactId" = w."id" AND r."system" = ${filter.source})
      LIMIT ${cap}
    ) AS "hits"`,
    { n: "number" },
  );
  const n = counted?.n ?? 0;
  if (n >= cap) return cap;
  const [read] = await queryFragment<{ n: number }>(
    sqlOf(client),
    fragment`SELECT COUNT(*) AS "n" FROM (${window}) w`,
    { n: "number" },
  );
  return (read?.n ?? 0) < budget ? n : null;
}

/** These contacts (search results) in the order given, keeping those that pass the filter. */
export async function listContactsByIds(
  ids: readonly string[],
  filter: ContactListFilter,
  client: Db = db(),
): Promise<ContactListRow[]> {
  return (await rowsInOrder(ids, filterWhere(filter), client)).map(toRow);
}

/** Display names of these contacts, by id (missing ones are left out). */
export async function findContactNames(ids: readonly string[], client: Db = db()): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await client.contact.findMany({
    where: { id: { in: [...new Set(ids)] } },
    select: { id: true, displayName: true },
  });
  return new Map(rows.map((r) => [r.id, r.displayName]));
}
