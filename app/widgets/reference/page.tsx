// Benchmark reference (npm run bench): a page rendering a constant contact view through
// the same framework, layout and proxy as the widget, with no verification or database.
import { notFound } from "next/navigation";
import { env } from "@/lib/env";
import { ContactDetails, ContactHeader, RecordSections, ViewShell } from "@/components/contact/contact-view";
import { referenceRecord } from "@/bench/reference-contact";

export const dynamic = "force-dynamic";

export default function ReferencePage() {
  if (!env().benchReferences) notFound();
  const { card } = referenceRecord;
  return (
    <ViewShell label={card.name}>
      <ContactHeader card={card} />
      <ContactDetails card={card} />
      <RecordSections record={referenceRecord} />
    </ViewShell>
  );
}
