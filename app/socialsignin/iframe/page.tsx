import type { Metadata } from "next";
import { env } from "@/lib/env";
import { contactNotFound, databaseUnavailable, integrationDisabled } from "@/lib/http/errors";
import { loadOrUnavailable } from "@/lib/db/unavailable";
import { pageRawQuery } from "@/lib/http/page-query";
import { verifySocialSignInQuery } from "@/lib/integrations/socialsignin/verify";
import { unixSeconds } from "@/lib/signing/verdict";
import { loadContactRecord } from "@/lib/db/contact-records";
import { ContactDetails, ContactHeader, RecordSections, ViewShell } from "@/components/contact/contact-view";
import { ViewError } from "@/components/contact/view-error";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Contact", robots: { index: false } };

// GET /socialsignin/iframe?id=…&expires=…&sig=… — proxy.ts has verified the request and
// answered refusals; the page verifies again itself before reading anything.
export default async function SocialSignInIframePage() {
  const integration = env().socialsignin;
  if (!integration.enabled) return <ViewError error={integrationDisabled("SocialSignIn", integration.missing)} />;
  const verified = verifySocialSignInQuery({
    rawQuery: await pageRawQuery(),
    required: "id",
    ring: integration.config.secrets,
    now: unixSeconds(),
  });
  if (!verified.ok) return <ViewError error={verified} />;
  const loaded = await loadOrUnavailable("socialsignin iframe", () => loadContactRecord(verified.value));
  if (!loaded.available) return <ViewError error={databaseUnavailable()} />;
  const record = loaded.value;
  // proxy.ts answered an unknown id with a 404 page already; this is a contact deleted since.
  if (!record) return <ViewError error={contactNotFound()} />;
  return (
    <ViewShell label={`${record.card.name} in CRM Bridge`}>
      <ContactHeader card={record.card} />
      <ContactDetails card={record.card} />
      <RecordSections record={record} />
    </ViewShell>
  );
}
