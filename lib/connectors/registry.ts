// Every connector by name, built from the configuration. A connector whose variables
// are missing is disabled and says what to set.
import "server-only";
import type { Env, Integration } from "@/lib/env";
import type { AccountSelection, Connector } from "@/lib/connectors/types";
import { ConnectorError } from "@/lib/connectors/errors";
import { housingConnector } from "@/lib/integrations/housing/connector";
import { crmcomConnector } from "@/lib/integrations/crmcom/connector";
import { retailcrmConnectorShape } from "@/lib/integrations/retailcrm/customers/connector";
import { retailcrmAccountConnectors } from "@/lib/integrations/retailcrm/customers/accounts";

export type ConnectorEntry = {
  name: string;
  /** the polling interval of the server process, when its *_POLL_SECONDS is set (per account, with accounts) */
  pollSeconds(config: Env): number | undefined;
  create(config: Env): Integration<Connector>;
  /**
   * For a connector that syncs several accounts (retailCRM): one connector per account a run
   * covers. Its `create` then only describes it (name, unit, summary) and plans nothing.
   */
  accounts?: (config: Env, selection: AccountSelection) => Promise<Connector[]>;
};

/** How often the server looks for accounts due a sync: a new retailCRM connection is synced within a minute. */
export const accountCheckSeconds = 30;

export const connectorEntries: readonly ConnectorEntry[] = [
  {
    name: "housing",
    pollSeconds: (config) => (config.housing.enabled ? config.housing.config.pollSeconds : undefined),
    create: (config) =>
      config.housing.enabled
        ? { enabled: true, config: housingConnector(config.housing.config) }
        : { enabled: false, missing: config.housing.missing },
  },
  {
    name: "crmcom",
    pollSeconds: (config) => (config.crmcom.enabled ? config.crmcom.config.pollSeconds : undefined),
    create: (config) =>
      config.crmcom.enabled
        ? { enabled: true, config: crmcomConnector(config.crmcom.config) }
        : { enabled: false, missing: config.crmcom.missing },
  },
  {
    name: "retailcrm",
    pollSeconds: (config) =>
      config.retailcrm.enabled && config.retailcrm.config.pollSeconds > 0
        ? config.retailcrm.config.pollSeconds
        : undefined,
    create: (config) =>
      config.retailcrm.enabled
        ? {
            enabled: true,
            config: {
              ...retailcrmConnectorShape,
              plan: () => {
                throw new ConnectorError("bad_request", "a retailcrm run syncs each connected account on its own");
              },
            },
          }
        : { enabled: false, missing: config.retailcrm.missing },
    accounts: (config, selection) => retailcrmAccountConnectors(config, selection),
  },
];

export function connectorNames(): string[] {
  return connectorEntries.map((entry) => entry.name);
}

export function findConnectorEntry(name: string): ConnectorEntry | undefined {
  return connectorEntries.find((entry) => entry.name === name);
}

/** Message for a disabled connector, naming what to set. */
export function disabledMessage(name: string, missing: string[]): string {
  return `the ${name} connector is disabled: set ${missing.join(", ")} to enable it`;
}
