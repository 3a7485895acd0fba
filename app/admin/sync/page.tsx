import type { Metadata } from "next";
import { requireStaff } from "@/lib/auth/current-staff";
import { env } from "@/lib/env";
import { listRecentConnectorRuns } from "@/lib/db/connector-runs";
import { countLeadsPerDay } from "@/lib/db/lead-stats";
import { connectorStatuses, followRunSeconds, pollingText } from "@/lib/admin/sync-view";
import { AdminShell } from "@/components/admin/admin-shell";
import { PageHeader } from "@/components/admin/page-header";
import { LeadsChart } from "@/components/admin/leads-chart";
import { RunNowButton } from "@/components/admin/run-now-button";
import { RunsTable } from "@/components/admin/runs-table";
import { StatusBadge } from "@/components/admin/status-badge";
import { card } from "@/components/ui/styles";
import { runNow } from "./actions";

export const metadata: Metadata = { title: "Sync", robots: { index: false } };

export default async function SyncPage() {
  const staff = await requireStaff("/admin/sync");
  const statuses = connectorStatuses(env());
  const [runs, leadsPerDay] = await Promise.all([listRecentConnectorRuns({ limit: 25 }), countLeadsPerDay(30)]);
  const running = runs.some((run) => run.status === "running");
  return (
    <AdminShell staff={staff} current="sync">
      {/* While a run is in flight the page reloads itself to follow it, with or without JavaScript. */}
      {running ? <meta httpEquiv="refresh" content={String(followRunSeconds)} /> : null}
      <PageHeader title="Sync" description="The connectors that pull leads and contacts in, and what each run did." />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6">
          {statuses.map((s) => (
            <section
              key={s.name}
              aria-labelledby={`connector-${s.name}`}
              className={card}
              data-testid={`connector-${s.name}`}
            >
              <div className="flex flex-wrap items-start justify-between gap-2">
                <h2 id={`connector-${s.name}`} className="text-lg font-semibold">
                  {s.label}
                </h2>
                {s.enabled ? (
                  <StatusBadge tone="good">Configured</StatusBadge>
                ) : (
                  <StatusBadge tone="off">Not configured</StatusBadge>
                )}
              </div>
              {s.enabled ? (
                <p className="mt-1 text-sm text-gray-600 dark:text-gray-400">
                  {pollingText(s.pollSeconds, s.hasAccounts)}
                </p>
              ) : null}
              <div className="mt-4">
                <RunNowButton
                  connector={s.name}
                  label={s.label}
                  action={runNow}
                  disabledReason={
                    s.enabled ? null : (
                      <>
                        Set{" "}
                        {s.missing.map((name, i) => (
                          <span key={name}>
                            {i > 0 ? ", " : ""}
                            <code className="rounded bg-gray-100 px-1 py-0.5 text-xs dark:bg-gray-800">{name}</code>
                          </span>
                        ))}{" "}
                        to run it.
                      </>
                    )
                  }
                />
              </div>
            </section>
          ))}
        </div>
        <section aria-label="Leads" className={`${card} lg:col-span-2`}>
          <LeadsChart days={leadsPerDay} />
        </section>
      </div>
      <section aria-labelledby="runs-heading" className={`${card} mt-6`}>
        <h2 id="runs-heading" className="text-base font-semibold">
          Recent runs
        </h2>
        <RunsTable runs={runs} statuses={statuses} />
      </section>
    </AdminShell>
  );
}
