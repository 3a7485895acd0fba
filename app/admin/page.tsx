import type { Metadata } from "next";
import Link from "next/link";
import { requireStaff } from "@/lib/auth/current-staff";
import { env } from "@/lib/env";
import { loadDashboardCounts } from "@/lib/db/dashboard";
import { countLeadsPerDay } from "@/lib/db/lead-stats";
import { listRecentAuditEvents } from "@/lib/db/audit";
import { findContactNames } from "@/lib/db/contact-list";
import { integrationStatuses } from "@/lib/admin/connection-status";
import { describeAuditEvent } from "@/lib/admin/activity";
import { formatDateTime, isoDate } from "@/lib/contacts/format";
import { AdminShell } from "@/components/admin/admin-shell";
import { PageHeader } from "@/components/admin/page-header";
import { StatCard } from "@/components/admin/stat-card";
import { LeadsChart } from "@/components/admin/leads-chart";
import { card, link } from "@/components/ui/styles";

export const metadata: Metadata = { title: "Dashboard", robots: { index: false } };

export default async function DashboardPage() {
  const staff = await requireStaff("/admin");
  const [counts, leadsPerDay, events] = await Promise.all([
    loadDashboardCounts(),
    countLeadsPerDay(30),
    listRecentAuditEvents(8, "note"),
  ]);
  const lines = events.map((e) => ({ event: e, line: describeAuditEvent(e) }));
  const names = await findContactNames(lines.flatMap((l) => (l.line.contactId ? [l.line.contactId] : [])));
  const integrations = integrationStatuses(env());
  const configured = integrations.filter((i) => i.enabled).length;
  return (
    <AdminShell staff={staff} current="dashboard">
      <PageHeader title="Dashboard" description="What CRM Bridge holds, and what came in lately." />
      <div className="grid grid-cols-2 gap-3 sm:gap-4 lg:grid-cols-4">
        <StatCard label="People" value={counts.people} href="/admin/contacts?kind=person" />
        <StatCard label="Companies" value={counts.companies} href="/admin/contacts?kind=company" />
        <StatCard
          label="Notes"
          value={counts.notes}
          detail={`${counts.notesThisWeek.toLocaleString("en-US")} added in the last 7 days`}
        />
        <StatCard
          label="Refused host requests"
          value={counts.refusedLastDay}
          detail="in the last 24 hours"
          href="/admin/connections"
        />
      </div>
      <div className="mt-6 grid gap-6 lg:grid-cols-3">
        <section aria-label="Leads" className={`${card} lg:col-span-2`}>
          <LeadsChart days={leadsPerDay} />
          <p className="mt-3 text-sm">
            <Link href="/admin/sync" className={link}>
              Connector runs
            </Link>
          </p>
        </section>
        <section aria-labelledby="integrations-heading" className={card}>
          <h2 id="integrations-heading" className="text-base font-semibold">
            Integrations
          </h2>
          <p className="text-sm text-gray-600 dark:text-gray-400">
            {configured} of {integrations.length} configured
          </p>
          <ul className="mt-3 space-y-2">
            {integrations.map((i) => (
              <li key={i.id} className="flex items-center justify-between gap-2 text-sm">
                <span>{i.name}</span>
                <span
                  className={
                    i.enabled
                      ? "rounded-full bg-green-50 px-2 py-0.5 text-xs font-medium text-green-800 dark:bg-green-950 dark:text-green-200"
                      : "rounded-full bg-gray-100 px-2 py-0.5 text-xs font-medium text-gray-700 dark:bg-gray-800 dark:text-gray-300"
                  }
                >
                  {i.enabled ? "Configured" : "Off"}
                </span>
              </li>
            ))}
          </ul>
          <p className="mt-4 text-sm">
            <Link href="/admin/connections" className={link}>
              Connections and test links
            </Link>
          </p>
        </section>
      </div>
      <section aria-labelledby="activity-heading" className={`${card} mt-6`}>
        <h2 id="activity-heading" className="text-base font-semibold">
          Recent note changes
        </h2>
        {lines.length === 0 ? (
          <p className="mt-2 text-sm text-gray-600 dark:text-gray-400">No notes were added or changed here yet.</p>
        ) : (
          <ul className="mt-2 divide-y divide-gray-100 dark:divide-gray-800">
            {lines.map(({ event, line }) => {
              const contactName = line.contactId ? names.get(line.contactId) : undefined;
              return (
                <li
                  key={event.id}
                  className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-0.5 py-2 text-sm"
                >
                  <span className="min-w-0">
                    <span className="font-medium">
                      {event.actor ? (event.actor.name ?? event.actor.email) : "Someone"}
                    </span>{" "}
                    {line.verb}
                    {line.contactId && contactName ? (
                      <>
                        {" on "}
                        <Link href={`/admin/contacts/${line.contactId}`} className={link}>
                          {contactName}
                        </Link>
                      </>
                    ) : null}
                    {line.excerpt ? (
                      <span className="block truncate text-gray-600 dark:text-gray-400">“{line.excerpt}”</span>
                    ) : null}
                  </span>
                  <time
                    dateTime={isoDate(event.createdAt)}
                    className="shrink-0 text-xs text-gray-600 dark:text-gray-400"
                  >
                    {formatDateTime(event.createdAt)}
                  </time>
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </AdminShell>
  );
}
