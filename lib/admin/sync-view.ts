// What the admin Sync page says about connectors and their runs. Pure: configuration
// and run records in, plain values out.
import "server-only";
import type { Env } from "@/lib/env";
import { connectorEntries } from "@/lib/connectors/registry";
import { systemNames } from "@/lib/contacts/view-model";

export type ConnectorStatus = {
  name: string;
  label: string;
  enabled: boolean;
  missing: string[];
  pollSeconds: number | undefined;
  /** whether it syncs several accounts (retailCRM), each on its own */
  hasAccounts: boolean;
  /** the counts its runs record, in order, with their labels */
  summary: readonly (readonly [key: string, label: string])[];
};

export function connectorStatuses(config: Env): ConnectorStatus[] {
  return connectorEntries.map((entry) => {
    const built = entry.create(config);
    return {
      name: entry.name,
      label: systemNames[entry.name] ?? entry.name,
      enabled: built.enabled,
      missing: built.enabled ? [] : built.missing,
      pollSeconds: entry.pollSeconds(config),
      hasAccounts: entry.accounts !== undefined,
      summary: built.enabled ? built.config.summary : [],
    };
  });
}

/** "1.2 s", "3 min 5 s", "2 h 10 min"; null while still running. */
export function formatDuration(startedAt: Date, finishedAt: Date | null): string | null {
  if (!finishedAt) return null;
  const ms = Math.max(0, finishedAt.getTime() - startedAt.getTime());
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 3600) return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
}

/** A run's counts as labelled numbers: the connector's own order first, any others after. */
export function labelledCounts(
  counts: Record<string, number>,
  summary: ConnectorStatus["summary"],
): { label: string; value: number }[] {
  const known = summary.filter(([key]) => key in counts).map(([key, label]) => ({ label, value: counts[key]! }));
  const listed = new Set(summary.map(([key]) => key));
  const others = Object.entries(counts)
    .filter(([key]) => !listed.has(key))
    .map(([key, value]) => ({ label: key, value }));
  return [...known, ...others];
}

/** How often the server pulls by itself, in words. */
export function pollingText(pollSeconds: number | undefined, hasAccounts = false): string {
  if (pollSeconds === undefined) return "Runs only when started (here, or with npm run connector).";
  const every =
    pollSeconds % 3600 === 0
      ? `${pollSeconds / 3600} h`
      : pollSeconds % 60 === 0
        ? `${pollSeconds / 60} min`
        : `${pollSeconds} s`;
  return hasAccounts
    ? `Syncs each connected account every ${every}, and a newly connected one within a minute.`
    : `Pulls every ${every}.`;
}

/**
 * What a run covered: a time range (Housing.com: ISO date-times, shown as dates) or the
 * connector's own words (CRM.COM: "page 1" … "last page"), never words read as dates.
 */
export function runRange(
  start: string,
  end: string,
): { kind: "dates"; start: Date; end: Date } | { kind: "text"; text: string } {
  const instant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
  return instant.test(start) && instant.test(end)
    ? { kind: "dates", start: new Date(start), end: new Date(end) }
    : { kind: "text", text: `${start} – ${end}` };
}

/** Seconds between reloads of the Sync page while a run is in flight (a Refresh meta: no script needed). */
export const followRunSeconds = 5;
