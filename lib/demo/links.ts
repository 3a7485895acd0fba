// Signed links to each widget, for the demo banner and the admin Connections page.
// Each integration adds its links here as it arrives.
import type { Db } from "@/lib/db/client";
import { sqlOf } from "@/lib/db/sql";
import { findContactIdByExternalRef } from "@/lib/db/contacts";
import type { Env } from "@/lib/env";
import { signedSocialSignInUrl } from "@/lib/integrations/socialsignin/sign";
import { sureSendWidgetUrl } from "@/lib/integrations/suresend/sign";
import { sampleCompanyContext, samplePersonContext } from "@/lib/integrations/suresend/sample-contexts";

export type DemoLink = { label: string; url: string };

/** Demo contacts the links open, by their key in lib/demo/demo-data.ts: one with notes and a lead. */
export const demoLinkContactKeys = ["person-4"] as const;

/** Ids of the demo contacts the links open (see findDemoLinkContactIds), by demo key. */
export type DemoContactIds = Readonly<Partial<Record<(typeof demoLinkContactKeys)[number], string>>>;

/** How long a SocialSignIn demo link stays valid: long enough to try it after `npm run demo`. */
const socialsigninLinkSeconds = 24 * 60 * 60;

function suresendLinks(config: Env, now: Date): DemoLink[] {
  if (!config.suresend.enabled) return [];
  const secret = config.suresend.config.secrets[0]!.secret;
  const minutes = Math.floor(config.suresend.config.maxAgeSeconds / 60);
  return [
    { label: `Sure Send person widget (valid ${minutes} min)`, url: sureSendWidgetUrl(config.appBaseUrl, samplePersonContext(now), secret) },
    { label: `Sure Send company widget (valid ${minutes} min)`, url: sureSendWidgetUrl(config.appBaseUrl, sampleCompanyContext(now), secret) },
  ];
}

function socialsigninLinks(config: Env, now: Date, contactIds: DemoContactIds): DemoLink[] {
  if (!config.socialsignin.enabled) return [];
  const secret = config.socialsignin.config.secrets[0]!.secret;
  const base = { baseUrl: config.appBaseUrl, secret, expires: Math.floor(now.getTime() / 1000) + socialsigninLinkSeconds };
  const links = [{ label: "SocialSignIn search (JSON, valid 24 h)", url: signedSocialSignInUrl({ ...base, endpoint: "search", value: "alvarez" }) }];
  const contactId = contactIds["person-4"];
  if (contactId) {
    links.push({ label: "SocialSignIn iframe (valid 24 h)", url: signedSocialSignInUrl({ ...base, endpoint: "iframe", value: contactId }) });
  }
  return links;
}

export function demoLinks(config: Env, now = new Date(), contactIds: DemoContactIds = {}): DemoLink[] {
  return [...suresendLinks(config, now), ...socialsigninLinks(config, now, contactIds)];
}

/** The ids of the demo contacts the links open, when the demo data is seeded. */
export async function findDemoLinkContactIds(client: Db): Promise<DemoContactIds> {
  const ids: Partial<Record<(typeof demoLinkContactKeys)[number], string>> = {};
  for (const key of demoLinkContactKeys) {
    const id = await findContactIdByExternalRef("demo", key, sqlOf(client));
    if (id) ids[key] = id;
  }
  return ids;
}
