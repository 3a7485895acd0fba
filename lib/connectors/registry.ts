// Every connector by name, built from the configuration. A connector whose variables
// are missing is disabled and says what to set.
import "server-only";
import type { Env, Integration } from "@/lib/env";
import type { Connector } from "@/lib/connectors/types";
import { housingConnector } from "@/lib/integrations/housing/connector";
import { crmcomConnector } from "@/lib/integrations/crmcom/connector";

export type ConnectorEntry = {
  name: string;
  /** the polling interval of the server process, when its *_POLL_SECONDS is set */
  pollSeconds(config: Env): number | undefined;
  create(config: Env): Integration<Connector>;
};

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
