// The retailCRM module's account page: which account is connected, its state, and
// Disconnect. Server-rendered, no client JavaScript (the confirmation is a <details>).
import type { ReactNode } from "react";
import type { AccountViewModel, ConnectionStatus, LastSync } from "@/lib/integrations/retailcrm/account/view-model";
import type { Notice } from "@/lib/integrations/retailcrm/account/notices";

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

function When({ iso, never }: { iso: string | null; never: string }) {
  if (iso === null) return <span className="text-gray-600 dark:text-gray-400">{never}</span>;
  return <time dateTime={iso}>{dateFormat.format(new Date(iso))} UTC</time>;
}

const syncOutcomes: Record<LastSync["status"], string> = {
  running: "Syncing customers now (started",
  succeeded: "Customers synced",
  failed: "Sync failed",
};

/** The latest customers sync: when, what it changed, and why it failed if it did. */
function LastSyncText({ sync }: { sync: LastSync | null }) {
  if (sync === null) {
    return (
      <span className="text-gray-600 dark:text-gray-400">
        Not synced yet: the first sync starts within a minute of connecting.
      </span>
    );
  }
  const counts = sync.counts.map((c) => `${c.value.toLocaleString("en-US")} ${c.label}`).join(", ");
  return (
    <div className="space-y-1">
      <p>
        {syncOutcomes[sync.status]} <When iso={sync.at} never="—" />
        {sync.status === "running" ? ")" : ""}
      </p>
      {counts !== "" && <p className="text-sm text-gray-700 dark:text-gray-300">{counts}</p>}
      {sync.error !== null && (
        <p
          data-testid="last-sync-error"
          className="whitespace-pre-line rounded-md bg-red-50 p-2 text-sm text-red-900 dark:bg-red-950/60 dark:text-red-100"
        >
          {sync.error}
        </p>
      )}
    </div>
  );
}

const statusStyles: Record<ConnectionStatus, { label: string; className: string; hint: string }> = {
  connected: {
    label: "Connected",
    className:
      "bg-green-100 text-green-900 ring-green-700/20 dark:bg-green-950 dark:text-green-200 dark:ring-green-400/30",
    hint: "CRM Bridge is active in this retailCRM account.",
  },
  frozen: {
    label: "Frozen",
    className:
      "bg-amber-100 text-amber-900 ring-amber-700/20 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-400/30",
    hint: "retailCRM has frozen the module in this account (for example, for an unpaid plan). It resumes when retailCRM unfreezes it.",
  },
  disconnected: {
    label: "Disconnected",
    className: "bg-gray-100 text-gray-800 ring-gray-600/20 dark:bg-gray-800 dark:text-gray-200 dark:ring-gray-400/30",
    hint: "CRM Bridge is not active in this retailCRM account. To use it again, connect it from the retailCRM Marketplace.",
  },
};

function Shell({ children }: { children: ReactNode }) {
  return (
    <main className="mx-auto w-full max-w-2xl px-4 py-6 sm:px-6 sm:py-10">
      <header className="flex items-center gap-3">
        {/* A 1 KiB SVG of our own: next/image would add its optimizer and a client bundle for nothing. */}
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img src="/retailcrm-logo.svg" alt="" width={40} height={40} className="h-10 w-10 shrink-0" />
        <div>
          <p className="text-sm text-gray-600 dark:text-gray-400">retailCRM module</p>
          <h1 className="text-xl font-semibold tracking-tight">CRM Bridge</h1>
        </div>
      </header>
      {children}
    </main>
  );
}

const card =
  "mt-6 rounded-xl border border-gray-200 bg-white p-4 shadow-sm sm:p-6 dark:border-gray-800 dark:bg-gray-900";

export function AccountMessage({ title, text }: { title: string; text: string }) {
  return (
    <Shell>
      <section className={card} aria-labelledby="message-title">
        <h2 id="message-title" className="text-lg font-semibold">
          {title}
        </h2>
        <p className="mt-2 text-gray-700 dark:text-gray-300">{text}</p>
      </section>
    </Shell>
  );
}

export function AccountView({ view, notice }: { view: AccountViewModel; notice: Notice | null }) {
  const status = statusStyles[view.status];
  return (
    <Shell>
      {notice && (
        <p
          role={notice.tone === "error" ? "alert" : "status"}
          className={
            notice.tone === "error"
              ? "mt-6 rounded-lg border border-red-300 bg-red-50 p-3 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
              : "mt-6 rounded-lg border border-green-300 bg-green-50 p-3 text-green-900 dark:border-green-800 dark:bg-green-950 dark:text-green-100"
          }
        >
          {notice.text}
        </p>
      )}

      <section className={card} aria-labelledby="connection-title">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="connection-title" className="text-lg font-semibold">
            Connection
          </h2>
          <span
            data-testid="connection-status"
            className={`inline-flex items-center rounded-full px-2.5 py-0.5 text-sm font-medium ring-1 ring-inset ${status.className}`}
          >
            {status.label}
          </span>
        </div>
        <p className="mt-2 text-sm text-gray-700 dark:text-gray-300">{status.hint}</p>
        <dl className="mt-4 grid grid-cols-1 gap-x-6 gap-y-1 sm:grid-cols-[max-content_1fr] sm:items-baseline sm:gap-y-3">
          <dt className="text-sm font-medium text-gray-600 dark:text-gray-400">retailCRM account</dt>
          <dd className="mb-3 break-all sm:mb-0" data-testid="system-url">
            {view.systemUrl}
          </dd>
          <dt className="text-sm font-medium text-gray-600 dark:text-gray-400">Connected</dt>
          <dd className="mb-3 sm:mb-0">
            <When iso={view.connectedAt} never="—" />
          </dd>
          <dt className="text-sm font-medium text-gray-600 dark:text-gray-400">Last activity</dt>
          <dd className="mb-3 sm:mb-0">
            <When iso={view.lastActivityAt} never="None yet" />
          </dd>
          <dt className="text-sm font-medium text-gray-600 dark:text-gray-400">Last sync</dt>
          <dd data-testid="last-sync">
            <LastSyncText sync={view.lastSync} />
          </dd>
        </dl>
      </section>

      {view.status !== "disconnected" && (
        <section className={card} aria-labelledby="disconnect-title">
          <h2 id="disconnect-title" className="text-lg font-semibold">
            Disconnect
          </h2>
          <p className="mt-2 text-sm text-gray-700 dark:text-gray-300">
            Switches the CRM Bridge module off in this retailCRM account. You can connect it again from the Marketplace
            at any time.
          </p>
          <details className="group mt-4">
            <summary className="inline-flex cursor-pointer list-none items-center rounded-lg border border-red-300 px-4 py-2 font-medium text-red-800 hover:bg-red-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-red-700 dark:border-red-800 dark:text-red-200 dark:hover:bg-red-950 [&::-webkit-details-marker]:hidden">
              Disconnect…
            </summary>
            <form
              method="post"
              action="/retailcrm/account/disconnect"
              className="mt-3 rounded-lg bg-red-50 p-3 dark:bg-red-950/60"
            >
              <input type="hidden" name="formToken" value={view.formToken} />
              <p className="text-sm text-red-900 dark:text-red-100">Disconnect CRM Bridge from {view.systemUrl}?</p>
              <button
                type="submit"
                className="mt-3 rounded-lg bg-red-700 px-4 py-2 font-medium text-white hover:bg-red-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-red-700"
              >
                Yes, disconnect
              </button>
            </form>
          </details>
        </section>
      )}
    </Shell>
  );
}
