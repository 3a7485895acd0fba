// The parts of the admin Connections page: one card per integration, the requests its
// hosts had refused (with the exact text that was checked), and retailCRM's accounts.
import type { ReactNode } from "react";
import type { IntegrationStatus } from "@/lib/admin/connection-status";
import { keyAdvice } from "@/lib/admin/connection-status";
import type { RetailCrmConnectionView } from "@/lib/db/retailcrm-connections";
import { formatDateTime, isoDate } from "@/lib/contacts/format";
import { StatusBadge } from "@/components/admin/status-badge";
import { card, link } from "@/components/ui/styles";

export type IntegrationLog = {
  keyUse: { keySlot: string; usedAt: Date } | null;
  failures: { id: string; reason: string; canonical: string; createdAt: Date }[];
};

type CardProps = {
  status: IntegrationStatus;
  log: IntegrationLog | null;
  testLinks: { label: string; url: string }[];
  children?: ReactNode;
};

export function IntegrationCard({ status, log, testLinks, children }: CardProps) {
  const headingId = `integration-${status.id}`;
  const advice = status.keys && log ? keyAdvice(status.keys, log.keyUse) : null;
  return (
    <section aria-labelledby={headingId} className={card} data-testid={`integration-${status.id}`}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h2 id={headingId} className="text-lg font-semibold">
            {status.name}
          </h2>
          <p className="text-sm text-gray-600 dark:text-gray-400">{status.role}</p>
        </div>
        {status.enabled ? (
          <StatusBadge tone="good">Configured</StatusBadge>
        ) : (
          <StatusBadge tone="off">Not configured</StatusBadge>
        )}
      </div>
      {!status.enabled ? (
        <p className="mt-3 text-sm">
          Disabled until these are set:{" "}
          {status.missing.map((name, i) => (
            <span key={name}>
              {i > 0 ? ", " : ""}
              <code className="rounded bg-gray-100 px-1 py-0.5 text-xs dark:bg-gray-800">{name}</code>
            </span>
          ))}
          .
        </p>
      ) : null}
      {status.enabled && status.keys && log ? (
        <div className="mt-4">
          <h3 className="text-sm font-semibold">Signing key</h3>
          <p className="mt-1 text-sm" data-testid={`key-use-${status.id}`}>
            {log.keyUse ? (
              <>
                <StatusBadge tone={log.keyUse.keySlot === "previous" ? "warn" : "good"}>
                  {log.keyUse.keySlot === "previous" ? "Previous key" : "Current key"}
                </StatusBadge>{" "}
                ({log.keyUse.keySlot === "previous" ? status.keys.previous : status.keys.current}) verified the latest
                good request, at <time dateTime={isoDate(log.keyUse.usedAt)}>{formatDateTime(log.keyUse.usedAt)}</time>.
              </>
            ) : null}
          </p>
          {advice ? <p className="mt-1 text-sm text-gray-700 dark:text-gray-300">{advice.text}</p> : null}
          <p className="mt-1 text-xs text-gray-600 dark:text-gray-400">
            Previous key ({status.keys.previous}) {status.keys.previousSet ? "is set and accepted." : "is not set."}
          </p>
        </div>
      ) : null}
      {testLinks.length > 0 ? (
        <div className="mt-4">
          <h3 className="text-sm font-semibold">Test links</h3>
          <p className="text-xs text-gray-600 dark:text-gray-400">
            Signed now with the current key; they expire like a host&apos;s own links.
          </p>
          <ul className="mt-1 space-y-1 text-sm">
            {testLinks.map((l) => (
              <li key={l.url}>
                <a href={l.url} className={link} target="_blank" rel="noopener noreferrer">
                  {l.label}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {children}
      {log ? <Failures failures={log.failures} integration={status.id} /> : null}
    </section>
  );
}

function Failures({ failures, integration }: { failures: IntegrationLog["failures"]; integration: string }) {
  return (
    <div className="mt-4">
      <h3 className="text-sm font-semibold">Latest refused requests</h3>
      {failures.length === 0 ? (
        <p className="mt-1 text-sm text-gray-600 dark:text-gray-400">None recorded.</p>
      ) : (
        <>
          <p className="text-xs text-gray-600 dark:text-gray-400">
            The reason, and the exact text that was checked against the signature: compare it with what the host signed.
          </p>
          <ul className="mt-2 divide-y divide-gray-100 dark:divide-gray-800" data-testid={`failures-${integration}`}>
            {failures.map((f) => (
              <li key={f.id} className="py-2">
                <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
                  <code className="font-semibold text-red-800 dark:text-red-300">{f.reason}</code>
                  <time dateTime={isoDate(f.createdAt)} className="text-xs text-gray-600 dark:text-gray-400">
                    {formatDateTime(f.createdAt)}
                  </time>
                </div>
                {/* Long texts scroll inside the box; tabIndex lets keyboard users scroll it too. */}
                <pre
                  tabIndex={0}
                  aria-label={`Checked text of the ${f.reason} refusal`}
                  className="mt-1 max-h-40 overflow-auto whitespace-pre-wrap break-all rounded-md bg-gray-50 p-2 text-xs dark:bg-gray-950"
                >
                  {f.canonical || "(empty)"}
                </pre>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/** The retailCRM accounts that connected the module, newest first. */
export function RetailCrmAccounts({ accounts }: { accounts: RetailCrmConnectionView[] }) {
  return (
    <div className="mt-4">
      <h3 className="text-sm font-semibold">Connected accounts</h3>
      {accounts.length === 0 ? (
        <p className="mt-1 text-sm text-gray-600 dark:text-gray-400">
          No retailCRM account has connected the module yet.
        </p>
      ) : (
        <ul className="mt-2 divide-y divide-gray-100 dark:divide-gray-800" data-testid="retailcrm-accounts">
          {accounts.map((a) => (
            <li key={a.id} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 py-2 text-sm">
              <span className="min-w-0 break-all font-medium">{a.systemUrl}</span>
              <span className="flex flex-wrap items-center gap-2 text-xs text-gray-600 dark:text-gray-400">
                {a.frozen ? (
                  <StatusBadge tone="warn">Frozen</StatusBadge>
                ) : a.active ? (
                  <StatusBadge tone="good">Active</StatusBadge>
                ) : (
                  <StatusBadge tone="off">Inactive</StatusBadge>
                )}
                <span>
                  connected <time dateTime={isoDate(a.connectedAt)}>{formatDateTime(a.connectedAt)}</time>
                </span>
                {a.lastActivityAt ? (
                  <span>
                    · last heard from{" "}
                    <time dateTime={isoDate(a.lastActivityAt)}>{formatDateTime(a.lastActivityAt)}</time>
                  </span>
                ) : null}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
