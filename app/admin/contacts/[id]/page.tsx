import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireStaff } from "@/lib/auth/current-staff";
import { noteUndoWindowMs } from "@/lib/auth/permissions";
import { loadContactRecord } from "@/lib/db/contact-records";
import { loadContactContext } from "@/lib/db/admin-contact";
import { listContactNotes } from "@/lib/db/notes";
import { decodeNoteCursor, encodeNoteCursor } from "@/lib/admin/note-cursor";
import { formatDate, isoDate } from "@/lib/contacts/format";
import { AdminShell } from "@/components/admin/admin-shell";
import { ContactDetails, ContactHeader } from "@/components/contact/contact-view";
import { Leads, Links } from "@/components/contact/record-sections";
import { NoteComposer } from "@/components/admin/notes/note-composer";
import { NoteActivityProvider } from "@/components/admin/notes/note-activity";
import { NoteList } from "@/components/admin/notes/note-list";
import { card, link } from "@/components/ui/styles";
import { addNote, deleteNote, editNote, restoreNote } from "./actions";

export const metadata: Metadata = { title: "Contact", robots: { index: false } };

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const notesPerPage = 25;

export default async function ContactPage({ params, searchParams }: Props) {
  const { id } = await params;
  const staff = await requireStaff(`/admin/contacts/${encodeURIComponent(id)}`);
  const before = decodeNoteCursor((await searchParams).notesBefore);
  const now = new Date();
  const [record, context, notes] = await Promise.all([
    loadContactRecord(id),
    loadContactContext(id),
    listContactNotes(id, { deletedSince: new Date(now.getTime() - noteUndoWindowMs), before, take: notesPerPage }),
  ]);
  if (!record || !context) notFound();
  const here = `/admin/contacts/${record.id}`;
  return (
    <AdminShell staff={staff} current="contacts">
      <p className="mb-3 text-sm">
        <Link href="/admin/contacts" className={link}>
          ← Contacts
        </Link>
      </p>
      <div className={card}>
        <ContactHeader
          card={record.card}
          companyHref={context.company ? `/admin/contacts/${context.company.id}` : undefined}
          aside={
            <p className="text-xs text-gray-600 dark:text-gray-400">
              In CRM Bridge since <time dateTime={isoDate(context.createdAt)}>{formatDate(context.createdAt)}</time>
            </p>
          }
        />
      </div>
      <div className="mt-6 grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <section aria-labelledby="notes-heading" className={card}>
            <div className="mb-3 flex items-baseline justify-between gap-2">
              <h2 id="notes-heading" className="text-base font-semibold">
                Notes{" "}
                <span className="font-normal text-gray-600 dark:text-gray-400">
                  ({context.noteCount.toLocaleString("en-US")})
                </span>
              </h2>
            </div>
            <NoteActivityProvider>
              {before ? null : <NoteComposer contactId={record.id} action={addNote} />}
              <div className="mt-4">
                {notes.notes.length === 0 ? (
                  <p className="text-sm text-gray-600 dark:text-gray-400">
                    No notes yet. The first one you write here shows in Sure Send and SocialSignIn too.
                  </p>
                ) : (
                  <NoteList
                    notes={notes.notes}
                    actions={{ editAction: editNote, deleteAction: deleteNote, restoreAction: restoreNote }}
                  />
                )}
              </div>
            </NoteActivityProvider>
            {before || notes.older ? (
              <nav aria-label="Notes pages" className="mt-4 flex justify-between text-sm">
                {before ? (
                  <Link href={here} className={link}>
                    ← Newest notes
                  </Link>
                ) : (
                  <span />
                )}
                {notes.older ? (
                  <Link href={`${here}?notesBefore=${encodeNoteCursor(notes.older)}`} className={link}>
                    Older notes →
                  </Link>
                ) : null}
              </nav>
            ) : null}
          </section>
          <div className={`${card} [&>section:first-child]:border-t-0 [&>section:first-child]:pt-0`}>
            <Leads leads={record.leads} />
            {context.leadCount > record.leads.length ? (
              <p className="mt-2 text-xs text-gray-600 dark:text-gray-400">
                The newest {record.leads.length} of {context.leadCount.toLocaleString("en-US")} leads.
              </p>
            ) : null}
          </div>
        </div>
        <aside
          aria-label="Contact details"
          className={`${card} space-y-4 self-start [&>section:first-child]:border-t-0 [&>section:first-child]:pt-0`}
        >
          <ContactDetails card={record.card} />
          <Links links={record.links} includeDemo />
          {context.memberCount > 0 ? (
            <section aria-labelledby="people-heading" className="border-t border-gray-200 pt-4 dark:border-gray-800">
              <h2
                id="people-heading"
                className="mb-2 text-xs font-semibold uppercase tracking-wide text-gray-600 dark:text-gray-400"
              >
                People ({context.memberCount.toLocaleString("en-US")})
              </h2>
              <ul className="space-y-1 text-sm">
                {context.members.map((m) => (
                  <li key={m.id}>
                    <Link href={`/admin/contacts/${m.id}`} className={link}>
                      {m.displayName}
                    </Link>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </aside>
      </div>
    </AdminShell>
  );
}
