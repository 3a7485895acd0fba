// The integrationModule object sent to POST /api/v5/integration-modules/{code}/edit:
// how the account shows CRM Bridge, where its account page is, and the clientId the
// account sends back when it opens that page.
import "server-only";
import { randomBytes } from "node:crypto";

export type ModuleConfig = { moduleCode: string; moduleName: string; logoUrl: string };

export type IntegrationModule = {
  code: string;
  integrationCode: string;
  active: boolean;
  name: string;
  logo: string;
  clientId: string;
  baseUrl: string;
  accountUrl: string;
  actions: { activity: string };
};

export const accountPath = "/retailcrm/account";
export const activityPath = "/api/retailcrm/activity";

/** A new client id: 256 random bits, URL-safe (the contract asks for at least 128). */
export function newClientId(): string {
  return randomBytes(32).toString("base64url");
}

export function accountUrlFor(appBaseUrl: string): string {
  return `${appBaseUrl}${accountPath}`;
}

export function buildIntegrationModule(
  config: ModuleConfig,
  appBaseUrl: string,
  clientId: string,
  active: boolean,
): IntegrationModule {
  return {
    code: config.moduleCode,
    integrationCode: config.moduleCode,
    active,
    name: config.moduleName,
    logo: config.logoUrl,
    clientId,
    baseUrl: appBaseUrl,
    accountUrl: accountUrlFor(appBaseUrl),
    actions: { activity: activityPath },
  };
}
