import type { Metadata } from "next";
import { requireStaff } from "@/lib/auth/current-staff";
import { env } from "@/lib/env";
import { db } from "@/lib/db/client";
import { demoLinks, findLinkContact } from "@/lib/demo/links";
import { findKeyUse, listVerificationFailures, type Integration } from "@/lib/db/verification-log";
import { listRetailCrmConnections } from "@/lib/db/retailcrm-connections";
import { integrationStatuses } from "@/lib/admin/connection-status";
import { AdminShell } from "@/components/admin/admin-shell";
import { PageHeader } from "@/components/admin/page-header";
import { IntegrationCard, RetailCrmAccounts } from "@/components/admin/integration-card";

export const metadata: Metadata = { title: "Connections", robots: { index: false } };

/** Integrations whose hosts sign their requests: their refusals and key use are logged. */
const verified: readonly Integration[] = ["suresend", "socialsignin", "retailcrm"];
function isVerified(id: string): id is Integration {
  return (verified as readonly string[]).includes(id);
}
const failuresShown = 10;

export default async function ConnectionsPage() {
  const staff = await requireStaff("/admin/connections");
  const config = env();
  const statuses = integrationStatuses(config);
  const [logs, accounts, linkContact] = await Promise.all([
    Promise.all(
      statuses.map(async ({ id }) =>
        isVerified(id)
          ? { keyUse: await findKeyUse(id), failures: await listVerificationFailures(id, failuresShown) }
          : null,
      ),
    ),
    listRetailCrmConnections(),
    findLinkContact(db()),
  ]);
  // Signed links are made at request time: each is valid for the widget's maximum age from now.
  const links = demoLinks(config, new Date(), linkContact);
  return (
    <AdminShell staff={staff} current="connections">
      <PageHeader
        title="Connections"
        description="Which integrations are set up, which key hosts sign with, and why requests were refused."
      />
      <div className="space-y-6">
        {statuses.map((status, i) => (
          <IntegrationCard
            key={status.id}
            status={status}
            log={logs[i] ?? null}
            testLinks={links.filter((l) => l.integration === status.id)}
          >
            {status.id === "retailcrm" ? <RetailCrmAccounts accounts={accounts} /> : null}
          </IntegrationCard>
        ))}
      </div>
    </AdminShell>
  );
}
