// The account page's data: plain values for the view, never the API key or client id.
import "server-only";
import { findAccountSession, formTokenFor } from "./session";

export type ConnectionStatus = "connected" | "frozen" | "disconnected";

export type AccountViewModel = {
  systemUrl: string;
  status: ConnectionStatus;
  connectedAt: string;
  lastActivityAt: string | null;
  lastSyncAt: string | null;
  /** the Disconnect form's token */
  formToken: string;
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
    lastSyncAt: connection.lastSyncAt?.toISOString() ?? null,
    formToken: formTokenFor(sessionToken),
  };
}
