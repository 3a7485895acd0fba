import type { Metadata } from "next";
import { env } from "@/lib/env";
import { integrationDisabled } from "@/lib/http/errors";
import { pageRawQuery } from "@/lib/http/page-query";
import { verifySureSendQuery } from "@/lib/integrations/suresend/verify";
import { unixSeconds } from "@/lib/signing/verdict";
import { contextToCard } from "@/lib/integrations/suresend/context-card";
import { findRecordForContext } from "@/lib/integrations/suresend/find-record";
import { ContactDetails, ContactHeader, RecordSections, ViewShell } from "@/components/contact/contact-view";
import { ViewError } from "@/components/contact/view-error";
import { DataUnavailableNotice } from "@/components/contact/data-unavailable";
import { loadOrUnavailable } from "@/lib/db/unavailable";
import { Section } from "@/components/ui/section";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Contact", robots: { index: false } };

// proxy.ts has already verified this request and answered refusals with their status;
// the page verifies again itself, so it never trusts anything it did not check.
// The record is looked up before anything is sent (no streaming): content streamed in
// after the first flush needs JavaScript to appear, and the view must render without it.
// With the database unavailable the verified context is still shown, with a notice in
// place of the record, and the answer stays 200: the host gets a usable view.
export default async function SureSendWidgetPage() {
  const integration = env().suresend;
  if (!integration.enabled) return <ViewError error={integrationDisabled("Sure Send", integration.missing)} />;
  const { secrets, maxAgeSeconds } = integration.config;
  const verdict = verifySureSendQuery({
    rawQuery: await pageRawQuery(),
    ring: secrets,
    maxAgeSeconds,
    now: unixSeconds(),
  });
  if (!verdict.ok) return <ViewError error={verdict} />;
  const { context } = verdict;
  const card = contextToCard(context);
  const loaded = await loadOrUnavailable("suresend widget", () => findRecordForContext(context));
  const record = loaded.available ? loaded.value : null;
  return (
    <ViewShell label={`${card.name} in CRM Bridge`}>
      <ContactHeader card={card} />
      <ContactDetails card={card} />
      {!loaded.available ? (
        <DataUnavailableNotice />
      ) : record ? (
        <div className="space-y-4" data-testid="crm-record" data-contact-id={record.id}>
          {record.card.companyName ? (
            <p className="text-sm text-gray-600 dark:text-gray-400">Works at {record.card.companyName}</p>
          ) : null}
          <RecordSections record={record} />
        </div>
      ) : (
        <Section title="CRM Bridge">
          <p className="text-sm" data-testid="not-in-crm">
            Not in CRM Bridge yet: no contact here has this {context.person ? "person" : "company"}&apos;s Sure Send id,
            email or phone number.
          </p>
        </Section>
      )}
    </ViewShell>
  );
}
