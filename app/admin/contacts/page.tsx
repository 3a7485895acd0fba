import type { Metadata } from "next";
import Link from "next/link";
import { requireStaff } from "@/lib/auth/current-staff";
import { countContactsUpTo, listContacts } from "@/lib/db/contact-list";
import { contactListHref, parseContactListQuery, toListFilter } from "@/lib/admin/contact-list-query";
import { systemNames } from "@/lib/contacts/view-model";
import { AdminShell } from "@/components/admin/admin-shell";
import { PageHeader } from "@/components/admin/page-header";
import { ContactSearchForm } from "@/components/admin/contact-search-form";
import { Badge } from "@/components/ui/section";
import { buttonSecondary, card, link } from "@/components/ui/styles";

export const metadata: Metadata = { title: "Contacts", robots: { index: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Counted exactly up to here; beyond, the page says "more than". */
const countCap = 1000;

export default async function ContactsPage({ searchParams }: Props) {
  const staff = await requireStaff("/admin/contacts");
  const query = parseContactListQuery(await searchParams);
  const filter = toListFilter(query);
  const [page, matches] = await Promise.all([listContacts(filter, query.position), countContactsUpTo(filter, countCap + 1)]);
  const filtered = Object.keys(filter).length > 0;
  const summary =
    matches > countCap
      ? `More than ${countCap.toLocaleString("en-US")} ${filtered ? "match" : "contacts"}`
      : `${matches.toLocaleString("en-US")} ${matches === 1 ? "contact" : "contacts"}${filtered ? " match" : ""}`;
  return (
    <AdminShell staff={staff} current="contacts">
      <PageHeader title="Contacts" description="People and companies from every source, in name order." />
      <div className={card}>
        <ContactSearchForm query={query} />
      </div>
      <p className="mt-4 text-sm text-gray-600 dark:text-gray-400" role="status" data-testid="contacts-summary">
        {summary}
      </p>
      {page.rows.length === 0 ? (
        <div className={`${card} mt-2 text-center`}>
          <p className="text-sm">No contacts {filtered ? "match this search" : "yet"}.</p>
          {filtered ? (
            <p className="mt-2 text-sm">
              <Link href="/admin/contacts" className={link}>
                Show all contacts
              </Link>
            </p>
          ) : null}
        </div>
      ) : (
        <div className="mt-2 overflow-hidden rounded-xl border border-gray-200 bg-white shadow-sm dark:border-gray-800 dark:bg-gray-900">
          <table className="w-full text-left text-sm" data-testid="contacts-table">
            <caption className="sr-only">Contacts</caption>
            <thead className="bg-gray-50 text-xs uppercase tracking-wide text-gray-600 dark:bg-gray-950 dark:text-gray-400">
              <tr>
                <th scope="col" className="px-4 py-2 font-semibold">Name</th>
                <th scope="col" className="hidden px-4 py-2 font-semibold md:table-cell">Email</th>
                <th scope="col" className="hidden px-4 py-2 font-semibold lg:table-cell">Phone</th>
                <th scope="col" className="hidden px-4 py-2 font-semibold sm:table-cell">Sources</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-gray-100 dark:divide-gray-800">
              {page.rows.map((row) => (
                <tr key={row.id} className="align-top hover:bg-gray-50 dark:hover:bg-gray-950">
                  <td className="px-4 py-2.5">
                    <Link href={`/admin/contacts/${row.id}`} className={`${link} break-words`}>
                      {row.displayName}
                    </Link>
                    <span className="mt-0.5 flex flex-wrap items-center gap-x-2 text-xs text-gray-600 dark:text-gray-400">
                      <span>{row.kind === "company" ? "Company" : "Person"}</span>
                      {row.companyName ? <span>· {row.companyName}</span> : null}
                      {row.email ? <span className="break-all md:hidden">· {row.email}</span> : null}
                    </span>
                  </td>
                  <td className="hidden break-all px-4 py-2.5 md:table-cell">{row.email ?? <span className="text-gray-500 dark:text-gray-400">—</span>}</td>
                  <td className="hidden whitespace-nowrap px-4 py-2.5 lg:table-cell">{row.phone ?? <span className="text-gray-500 dark:text-gray-400">—</span>}</td>
                  <td className="hidden px-4 py-2.5 sm:table-cell">
                    <span className="flex flex-wrap gap-1">
                      {row.sources.map((s) => (
                        <Badge key={s}>{systemNames[s] ?? s}</Badge>
                      ))}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label="Pages" className="mt-4 flex justify-between gap-2">
        {page.prev ? (
          <Link href={contactListHref(query, { before: page.prev })} className={buttonSecondary} rel="prev">
            ← Previous
          </Link>
        ) : (
          <span />
        )}
        {page.next ? (
          <Link href={contactListHref(query, { after: page.next })} className={buttonSecondary} rel="next">
            Next →
          </Link>
        ) : null}
      </nav>
    </AdminShell>
  );
}
