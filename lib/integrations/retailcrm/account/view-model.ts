// The account page's data: plain values for the view, never the API key or client id.
import "server-only";
import { findLatestScopedRun } from "@/lib/db/connector-runs";
import { labelledCounts } from "@/lib/admin/sync-view";
import { retailcrmSummary } from "@/lib/integrations/retailcrm/customers/connector";
import { findAccountSession, formTokenFor } from "./session";

export type ConnectionStatus = "connected" | "frozen" | "disconnected";

export type AccountViewModel = {
  systemUrl: string;
  status: ConnectionStatus;
  connectedAt: string;
  lastActivityAt: string | null;
  /** the account's latest customers sync; null before the first */
  lastSync: LastSync | null;
  /** the Disconnect form's token */
  formToken: string;
};

export type LastSync = {
  status: "running" | "succeeded" | "failed";
  /** when it ended, or started while it runs */
  at: string;
  counts: { label: string; value: number }[];
  /** why it failed, and the records it could not import; never the API key */
  error: string | null;
};

export function connectionStatus(connection: { active: boolean; frozen: boolean }): ConnectionStatus {
  if (!connection.active) return "disconnected";
  return connection.frozen ? "frozen" : "connected";
}

/** The page of a live session's connection, or null when there is no live session. */
export async function loadAccountView(sessionToken: string | undefined): Promise<AccountViewModel | null> {
  const connection = await findAccountSession(sessionToken);
  if (!connection || sessionToken === undefined) return null;
  return {
    systemUrl: connection.systemUrl,
    status: connectionStatus(connection),
    connectedAt: connection.connectedAt.toISOString(),
    lastActivityAt: connection.lastActivityAt?.toISOString() ?? null,
    lastSync: await loadLastSync(connection.id),
    formToken: formTokenFor(sessionToken),
  };
}

async function loadLastSync(connectionId: string): Promise<LastSync | null> {
  const run = await findLatestScopedRun("retailcrm", connectionId);
  if (!run) return null;
  const counts = Object.fromEntries(Object.entries(run.counts).filter(([key]) => shownCounts.has(key)));
  return {
    status: run.status,
    at: (run.finishedAt ?? run.startedAt).toISOString(),
    counts: labelledCounts(counts, retailcrmSummary),
    error: run.error,
  };
}

/** What the account's user sees of a sync's counts: what happened to their customers. */
const shownCounts = new Set(["created", "updated", "unchanged", "removed", "invalid"]);
