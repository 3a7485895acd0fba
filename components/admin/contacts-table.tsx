// Rows of the contacts list (browsing or search results): name with kind and company,
// email, phone and sources, the less important columns hidden on narrow screens.
import Link from "next/link";
import type { ContactListRow } from "@/lib/db/contact-list";
import { systemNames } from "@/lib/contacts/view-model";
import { Badge } from "@/components/ui/section";
import { link } from "@/components/ui/styles";

const none = <span className="text-gray-500 dark:text-gray-400">—</span>;

export function ContactsTable({ rows, caption }: { rows: ContactListRow[]; caption: string }) {
  return (
    <div className="overflow-hidden rounded-xl border border-gray-200 bg-white shadow-sm dark:border-gray-800 dark:bg-gray-900">
      <table className="w-full text-left text-sm" data-testid="contacts-table">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-gray-50 text-xs uppercase tracking-wide text-gray-600 dark:bg-gray-950 dark:text-gray-400">
          <tr>
            <th scope="col" className="px-4 py-2 font-semibold">
              Name
            </th>
            <th scope="col" className="hidden px-4 py-2 font-semibold md:table-cell">
              Email
            </th>
            <th scope="col" className="hidden px-4 py-2 font-semibold lg:table-cell">
              Phone
            </th>
            <th scope="col" className="hidden px-4 py-2 font-semibold sm:table-cell">
              Sources
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-gray-100 dark:divide-gray-800">
          {rows.map((row) => (
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
              <td className="hidden break-all px-4 py-2.5 md:table-cell">{row.email ?? none}</td>
              <td className="hidden whitespace-nowrap px-4 py-2.5 lg:table-cell">{row.phone ?? none}</td>
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
  );
}
