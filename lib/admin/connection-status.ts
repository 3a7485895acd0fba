// What the Connections page and the dashboard say about each integration: configured
// or not (and what to set), and for the signed ones which key verified the latest good
// request, so an operator knows when a rotated-out key can be removed. Only variable
// names are ever shown, never their values.
import type { Env, Integration, KeySlot } from "@/lib/env";

export type IntegrationId = "suresend" | "socialsignin" | "retailcrm" | "housing" | "crmcom";

export type IntegrationStatus = {
  id: IntegrationId;
  name: string;
  /** what it does, in a few words */
  role: string;
  enabled: boolean;
  missing: string[];
  /** for integrations that verify requests with a key ring */
  keys: { current: string; previous: string; previousSet: boolean } | null;
};

export function integrationStatuses(config: Env): IntegrationStatus[] {
  const missing = (i: Integration<unknown>) => (i.enabled ? [] : i.missing);
  return [
    {
      id: "suresend",
      name: "Sure Send",
      role: "Partner widget: contact view inside Sure Send",
      enabled: config.suresend.enabled,
      missing: missing(config.suresend),
      keys: {
        current: "SURESEND_WIDGET_SECRET",
        previous: "SURESEND_WIDGET_SECRET_PREVIOUS",
        previousSet: config.suresend.enabled && config.suresend.config.secrets.length > 1,
      },
    },
    {
      id: "socialsignin",
      name: "SocialSignIn",
      role: "Custom CRM: contact search and iframe view",
      enabled: config.socialsignin.enabled,
      missing: missing(config.socialsignin),
      keys: {
        current: "SOCIALSIGNIN_SECRET",
        previous: "SOCIALSIGNIN_SECRET_PREVIOUS",
        previousSet: config.socialsignin.enabled && config.socialsignin.config.secrets.length > 1,
      },
    },
    {
      id: "retailcrm",
      name: "retailCRM",
      role: "Integration module for retailCRM / Simla accounts",
      enabled: config.retailcrm.enabled,
      missing: missing(config.retailcrm),
      keys: null,
    },
    {
      id: "housing",
      name: "Housing.com",
      role: "Connector: pulls leads",
      enabled: config.housing.enabled,
      missing: missing(config.housing),
      keys: null,
    },
    {
      id: "crmcom",
      name: "CRM.COM",
      role: "Connector: pulls contacts",
      enabled: config.crmcom.enabled,
      missing: missing(config.crmcom),
      keys: null,
    },
  ];
}

export type KeyAdvice = { tone: "neutral" | "good" | "warn"; text: string };

/**
 * What the latest key use means for the operator rotating keys, beyond what the key-use
 * line already says (which key, when): null when there is nothing more to say.
 */
export function keyAdvice(
  keys: NonNullable<IntegrationStatus["keys"]>,
  use: { keySlot: string; usedAt: Date } | null,
): KeyAdvice | null {
  if (!use) return { tone: "neutral", text: "No request has been verified yet." };
  if ((use.keySlot as KeySlot) === "previous") {
    return { tone: "warn", text: `A host still signs with the previous key, so keep ${keys.previous} for now.` };
  }
  return keys.previousSet
    ? { tone: "good", text: `Once every host has moved to the current key, ${keys.previous} can be removed.` }
    : null;
}
