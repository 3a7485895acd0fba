import type { Metadata } from "next";
import Link from "next/link";
import { requireStaff } from "@/lib/auth/current-staff";
import {
  countContactsUpTo,
  listContacts,
  listContactsByIds,
  type ContactListRow,
  type ListCursor,
} from "@/lib/db/contact-list";
import { searchContacts } from "@/lib/db/contact-search";
import {
  contactListHref,
  parseContactListQuery,
  toListFilter,
  type ContactListQuery,
} from "@/lib/admin/contact-list-query";
import { AdminShell } from "@/components/admin/admin-shell";
import { PageHeader } from "@/components/admin/page-header";
import { ContactSearchForm } from "@/components/admin/contact-search-form";
import { ContactsTable } from "@/components/admin/contacts-table";
import { buttonSecondary, card, link } from "@/components/ui/styles";

export const metadata: Metadata = { title: "Contacts", robots: { index: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Browsing: counted exactly up to here; beyond, the page says "more than". */
const countCap = 1000;
/** Searching: the best this many matches, ranked (lib/search/rank.ts). */
const searchLimit = 100;

type Listing = { rows: ContactListRow[]; summary: string; next: ListCursor | null; prev: ListCursor | null };

const plural = (n: number, one: string, many: string) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/** With a search term: the shared contact search's best matches (names, emails, phones), then the filters. */
async function searchListing(query: ContactListQuery): Promise<Listing> {
  const filter = toListFilter(query);
  const hits = await searchContacts(query.q, { limit: searchLimit });
  const rows = await listContactsByIds(
    hits.map((h) => h.id),
    filter,
  );
  const filtered = Object.keys(filter).length > 0;
  const best = hits.length === searchLimit ? `The best ${searchLimit} matches` : null;
  const summary = best
    ? `${best}${filtered ? `, ${plural(rows.length, "of them", "of them")} with these filters` : ""}. Type more to narrow them.`
    : `${plural(rows.length, "contact matches", "contacts match")}.`;
  return { rows, summary, next: null, prev: null };
}

/** Without one: everything (filtered) in name order, page by page. */
async function browseListing(query: ContactListQuery): Promise<Listing> {
  const filter = toListFilter(query);
  const [page, matches] = await Promise.all([
    listContacts(filter, query.position),
    countContactsUpTo(filter, countCap + 1),
  ]);
  const filtered = Object.keys(filter).length > 0;
  const counted =
    matches === null
      ? "Matching contacts in name order."
      : matches > countCap
        ? `More than ${countCap.toLocaleString("en-US")} ${filtered ? "contacts match" : "contacts"}.`
        : `${plural(matches, filtered ? "contact matches" : "contact", filtered ? "contacts match" : "contacts")}.`;
  // A sparse source filter may end a page early rather than read on for long.
  const summary = page.partial ? `${counted} Few match in this part of the list; Next reads on.` : counted;
  return { rows: page.rows, summary, next: page.next, prev: page.prev };
}

export default async function ContactsPage({ searchParams }: Props) {
  const staff = await requireStaff("/admin/contacts");
  const query = parseContactListQuery(await searchParams);
  const listing = query.q ? await searchListing(query) : await browseListing(query);
  const narrowed = query.q !== "" || query.kind !== "" || query.source !== "";
  const empty = listing.rows.length === 0;
  // A page of a sparse source can be empty while the list goes on (see lib/db/contact-list.ts).
  const paged = listing.next !== null || listing.prev !== null;
  return (
    <AdminShell staff={staff} current="contacts">
      <PageHeader
        title="Contacts"
        description="People and companies from every source: search by name, email or phone, or browse in name order."
      />
      <div className={card}>
        <ContactSearchForm query={query} />
      </div>
      {!empty || paged ? (
        <p className="mt-4 text-sm text-gray-600 dark:text-gray-400" role="status" data-testid="contacts-summary">
          {listing.summary}
        </p>
      ) : null}
      {empty && paged ? null : empty ? (
        <div role="status" className={`${card} mt-4 text-center`}>
          <p className="text-sm">No contacts {narrowed ? "match this search" : "yet"}.</p>
          {narrowed ? (
            <p className="mt-2 text-sm">
              <Link href="/admin/contacts" className={link}>
                Show all contacts
              </Link>
            </p>
          ) : null}
        </div>
      ) : (
        <div className="mt-2">
          <ContactsTable rows={listing.rows} caption={query.q ? `Contacts matching ${query.q}` : "Contacts"} />
        </div>
      )}
      {paged ? (
        <nav aria-label="Pages" className="mt-4 flex justify-between gap-2">
          {listing.prev ? (
            <Link href={contactListHref(query, { before: listing.prev })} className={buttonSecondary} rel="prev">
              ← Previous
            </Link>
          ) : (
            <span />
          )}
          {listing.next ? (
            <Link href={contactListHref(query, { after: listing.next })} className={buttonSecondary} rel="next">
              Next →
            </Link>
          ) : null}
        </nav>
      ) : null}
    </AdminShell>
  );
}
