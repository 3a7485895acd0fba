// Which accounts a retailCRM run syncs, each as a connector of its own (own lease, own
// cursor, own run records): every connection that is active and not frozen, or the one
// named with --account. The server syncs an account when it is due: never synced, changed
// since its last sync (connected again, unfrozen), or last synced RETAILCRM_POLL_SECONDS ago.
import "server-only";
import type { Env } from "@/lib/env";
import { type Db, db } from "@/lib/db/client";
import { latestRunStarts } from "@/lib/db/connector-runs";
import {
  type RetailCrmConnectionView,
  findRetailCrmCredentials,
  listSyncableRetailCrmConnections,
} from "@/lib/db/retailcrm-connections";
import type { Connector } from "@/lib/connectors/types";
import { ConnectorError } from "@/lib/connectors/errors";
import { openApiKey } from "@/lib/integrations/retailcrm/api-key-box";
import { type CustomersApiOptions, createCustomersApi } from "./api-client";
import { retailcrmAccountConnector } from "./connector";

export type AccountSelection = {
  /** only this account (its system URL) */
  account?: string;
  /** repeat the full pass */
  full?: boolean;
  /** only the accounts due a sync now (the server's polling) */
  due?: { pollSeconds: number; now: Date };
  api?: CustomersApiOptions;
  client?: Db;
};

export async function retailcrmAccountConnectors(config: Env, selection: AccountSelection = {}): Promise<Connector[]> {
  if (!config.retailcrm.enabled) return [];
  const client = selection.client ?? db();
  let accounts = await listSyncableRetailCrmConnections(client);
  if (selection.account !== undefined) {
    const wanted = selection.account.replace(/\/+$/, "");
    accounts = accounts.filter((a) => a.systemUrl === wanted);
    if (accounts.length === 0) {
      throw new ConnectorError("bad_request", `no active, unfrozen retailCRM account is connected at ${wanted}`);
    }
  }
  if (selection.due) {
    const started = await latestRunStarts(
      "retailcrm",
      accounts.map((a) => a.id),
      client,
    );
    const { pollSeconds, now } = selection.due;
    accounts = accounts.filter((a) => isDue(a, started.get(a.id) ?? null, pollSeconds, now));
  }
  const secrets = config.encryptionSecrets;
  return accounts.map((account) =>
    retailcrmAccountConnector(
      account,
      async () => {
        // The key is opened when a run plans, never kept beyond it.
        const credentials = await findRetailCrmCredentials(account.id, client);
        if (!credentials) throw new ConnectorError("bad_request", `the account ${account.systemUrl} was removed`);
        let apiKey: string;
        try {
          apiKey = openApiKey(credentials.apiKeyEncrypted, credentials.systemUrl, secrets);
        } catch {
          throw new ConnectorError(
            "unauthorized",
            "the stored API key cannot be opened with the configured ENCRYPTION_KEY (or SESSION_SECRET): " +
              "restore the secret it was stored with, or connect the module again from retailCRM",
          );
        }
        return createCustomersApi({ systemUrl: credentials.systemUrl, apiKey }, selection.api);
      },
      { full: selection.full },
    ),
  );
}

/** Never synced, changed since (connected again, unfrozen), or synced longer than pollSeconds ago. */
export function isDue(
  account: Pick<RetailCrmConnectionView, "updatedAt">,
  lastStart: Date | null,
  pollSeconds: number,
  now: Date,
): boolean {
  if (lastStart === null || lastStart < account.updatedAt) return true;
  return now.getTime() - lastStart.getTime() >= pollSeconds * 1000;
}
