// THE contact view, shared by every entry point (Sure Send widget, SocialSignIn iframe,
// admin). Every value is rendered as React text, never as HTML.
import type { ReactNode } from "react";
import type { ContactCard, CrmRecord } from "@/lib/contacts/view-model";
import { Badge } from "@/components/ui/section";
import { Addresses, Emails, Phones } from "./contact-methods";
import { CompanyFacts } from "./company-facts";
import { Leads, Links, Notes } from "./record-sections";

/** `companyHref` (admin pages) links the person's company; the widgets show it as text. */
export function ContactHeader({
  card,
  aside,
  companyHref,
}: {
  card: ContactCard;
  aside?: ReactNode;
  companyHref?: string;
}) {
  return (
    <header className="flex flex-wrap items-start justify-between gap-2">
      <div className="min-w-0">
        <h1 className="break-words text-xl font-semibold leading-tight">{card.name}</h1>
        <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-gray-600 dark:text-gray-400">
          <Badge>{card.kind === "company" ? "Company" : "Person"}</Badge>
          {card.stage ? <Badge tone="green">{card.stage}</Badge> : null}
          {card.companyName ? (
            <span>
              at{" "}
              {companyHref ? (
                <a className="text-blue-700 underline-offset-2 hover:underline dark:text-blue-300" href={companyHref}>
                  {card.companyName}
                </a>
              ) : (
                card.companyName
              )}
            </span>
          ) : null}
        </p>
      </div>
      {aside}
    </header>
  );
}

/** Emails, phones, addresses and company facts of a card. */
export function ContactDetails({ card }: { card: ContactCard }) {
  return (
    <>
      <Emails emails={card.emails} />
      <Phones phones={card.phones} />
      {card.company ? <CompanyFacts facts={card.company} /> : null}
      <Addresses addresses={card.addresses} />
    </>
  );
}

/** What CRM Bridge holds about a contact: notes, leads, other systems. */
export function RecordSections({ record }: { record: CrmRecord }) {
  return (
    <>
      <Notes notes={record.notes} />
      <Leads leads={record.leads} />
      <Links links={record.links} />
    </>
  );
}

/** The frame of every embedded view: narrow-friendly from 320 px, light and dark. */
export function ViewShell({ children, label }: { children: ReactNode; label: string }) {
  return (
    <main aria-label={label} className="mx-auto max-w-3xl space-y-4 p-4 sm:p-6">
      {children}
    </main>
  );
}
