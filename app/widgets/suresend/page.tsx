import { Suspense } from "react";
import type { Metadata } from "next";
import { env } from "@/lib/env";
import { toAppError, integrationDisabled } from "@/lib/http/errors";
import { toSearchParams } from "@/lib/http/query";
import { verifySureSendRequest } from "@/lib/integrations/suresend/verify";
import { contextToCard } from "@/lib/integrations/suresend/context-card";
import { findRecordForContext } from "@/lib/integrations/suresend/find-record";
import type { SureSendContext } from "@/lib/integrations/suresend/context-schema";
import { ContactDetails, ContactHeader, RecordSections, ViewShell } from "@/components/contact/contact-view";
import { RecordSkeleton } from "@/components/contact/record-sections";
import { ViewError } from "@/components/contact/view-error";
import { Section } from "@/components/ui/section";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Contact", robots: { index: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

// proxy.ts has already verified this request and answered refusals with their status;
// the page verifies again itself, so it never trusts anything it did not check.
export default async function SureSendWidgetPage({ searchParams }: Props) {
  const integration = env().suresend;
  if (!integration.enabled) return <ViewError error={integrationDisabled("Sure Send", integration.missing)} />;
  let context: SureSendContext;
  try {
    context = verifySureSendRequest(toSearchParams(await searchParams), integration.config).context;
  } catch (error) {
    return <ViewError error={toAppError(error)} />;
  }
  const card = contextToCard(context);
  return (
    <ViewShell label={`${card.name} in CRM Bridge`}>
      <ContactHeader card={card} />
      <ContactDetails card={card} />
      <Suspense fallback={<RecordSkeleton />}>
        <MatchedRecord context={context} />
      </Suspense>
    </ViewShell>
  );
}

async function MatchedRecord({ context }: { context: SureSendContext }) {
  const record = await findRecordForContext(context);
  if (!record) {
    return (
      <Section title="CRM Bridge">
        <p className="text-sm" data-testid="not-in-crm">
          Not in CRM Bridge yet: no contact here has this {context.person ? "person" : "company"}&apos;s Sure Send id, email or
          phone number.
        </p>
      </Section>
    );
  }
  return (
    <div className="space-y-4" data-testid="crm-record" data-contact-id={record.id}>
      {record.card.companyName ? (
        <p className="text-sm text-gray-600 dark:text-gray-400">Works at {record.card.companyName}</p>
      ) : null}
      <RecordSections record={record} />
    </div>
  );
}
