import type { ExternalLink, LeadItem, NoteItem } from "@/lib/contacts/view-model";
import { systemNames } from "@/lib/contacts/view-model";
import { formatDate, formatDateTime, isoDate, safeHttpUrl } from "@/lib/contacts/format";
import { Badge, Empty, Section } from "@/components/ui/section";

export function Notes({ notes }: { notes: NoteItem[] }) {
  return (
    <Section title="Notes">
      {notes.length === 0 ? (
        <Empty>No notes yet.</Empty>
      ) : (
        <ol className="space-y-3">
          {notes.map((note) => (
            <li key={note.id} className="rounded-lg bg-gray-50 p-3 text-sm dark:bg-gray-900">
              <p className="whitespace-pre-wrap break-words">{note.body}</p>
              <p className="mt-1 text-xs text-gray-600 dark:text-gray-400">
                {note.author ?? "Unknown author"} ·{" "}
                <time dateTime={isoDate(note.createdAt)}>{formatDateTime(note.createdAt)}</time>
              </p>
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}

export function Leads({ leads }: { leads: LeadItem[] }) {
  return (
    <Section title="Leads">
      {leads.length === 0 ? (
        <Empty>No leads.</Empty>
      ) : (
        <ul className="divide-y divide-gray-200 text-sm dark:divide-gray-800">
          {leads.map((lead) => (
            <li key={lead.id} className="flex flex-wrap items-baseline justify-between gap-x-3 py-1.5">
              <span>
                <span className="font-medium">{lead.projectName ?? "Unnamed project"}</span>
                {lead.locality ? <span className="text-gray-600 dark:text-gray-400"> · {lead.locality}</span> : null}
              </span>
              <span className="flex items-center gap-2 text-gray-600 dark:text-gray-400">
                <time dateTime={isoDate(lead.leadDate)}>{formatDate(lead.leadDate)}</time>
                <Badge>{systemNames[lead.source] ?? lead.source}</Badge>
              </span>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

/** The contact's references in other systems; the demo marker is left out unless `includeDemo` (admin pages). */
export function Links({ links, includeDemo = false }: { links: ExternalLink[]; includeDemo?: boolean }) {
  const shown = includeDemo ? links : links.filter((l) => l.system !== "demo");
  if (shown.length === 0) return null;
  return (
    <Section title="In other systems">
      <ul className="space-y-1 text-sm">
        {shown.map((link) => {
          const url = safeHttpUrl(link.url);
          const name = systemNames[link.system] ?? link.system;
          return (
            <li key={`${link.system}:${link.externalId}`} className="flex flex-wrap gap-2">
              <span className="font-medium">{name}</span>
              {url ? (
                <a
                  className="break-all text-blue-700 underline-offset-2 hover:underline dark:text-blue-300"
                  href={url}
                  target="_blank"
                  rel="noopener noreferrer"
                >
                  {link.externalId}
                </a>
              ) : (
                <span className="break-all text-gray-600 dark:text-gray-400">{link.externalId}</span>
              )}
            </li>
          );
        })}
      </ul>
    </Section>
  );
}
