// Signed links to each widget, for the demo banner and the admin Connections page: the
// Sure Send widget with sample contexts, and SocialSignIn's search and iframe for a real
// contact (the demo contact with notes and a lead when the demo data is seeded, else a
// recent contact).
import "server-only";
import type { Db } from "@/lib/db/client";
import { sqlOf } from "@/lib/db/driver";
import { findContactIdByExternalRef } from "@/lib/db/contacts";
import type { Env } from "@/lib/env";
import { signedSocialSignInUrl } from "@/lib/integrations/socialsignin/sign";
import { sureSendWidgetUrl } from "@/lib/integrations/suresend/sign";
import { sampleCompanyContext, samplePersonContext } from "@/lib/integrations/suresend/sample-contexts";

export type DemoLink = { integration: "suresend" | "socialsignin"; label: string; url: string };

/** The demo contact the links open, by its key in lib/demo/demo-data.ts: one with notes and a lead. */
export const demoLinkContactKey = "person-4";

/** The contact SocialSignIn's links search for and open. */
export type LinkContact = { id: string; name: string };

/** How long a SocialSignIn demo link stays valid: long enough to try it after `npm run demo`. */
const socialsigninLinkSeconds = 24 * 60 * 60;

function suresendLinks(config: Env, now: Date): DemoLink[] {
  if (!config.suresend.enabled) return [];
  const secret = config.suresend.config.secrets[0].secret;
  const minutes = Math.floor(config.suresend.config.maxAgeSeconds / 60);
  return [
    {
      integration: "suresend",
      label: `Sure Send person widget (valid ${minutes} min)`,
      url: sureSendWidgetUrl(config.appBaseUrl, samplePersonContext(now), secret),
    },
    {
      integration: "suresend",
      label: `Sure Send company widget (valid ${minutes} min)`,
      url: sureSendWidgetUrl(config.appBaseUrl, sampleCompanyContext(now), secret),
    },
  ];
}

function socialsigninLinks(config: Env, now: Date, contact: LinkContact | null): DemoLink[] {
  if (!config.socialsignin.enabled || contact === null) return [];
  const secret = config.socialsignin.config.secrets[0].secret;
  const base = {
    baseUrl: config.appBaseUrl,
    secret,
    expires: Math.floor(now.getTime() / 1000) + socialsigninLinkSeconds,
  };
  return [
    {
      integration: "socialsignin",
      label: `SocialSignIn search for “${contact.name}” (JSON, valid 24 h)`,
      url: signedSocialSignInUrl({ ...base, endpoint: "search", value: contact.name }),
    },
    {
      integration: "socialsignin",
      label: `SocialSignIn iframe of ${contact.name} (valid 24 h)`,
      url: signedSocialSignInUrl({ ...base, endpoint: "iframe", value: contact.id }),
    },
  ];
}

export function demoLinks(config: Env, now = new Date(), contact: LinkContact | null = null): DemoLink[] {
  return [...suresendLinks(config, now), ...socialsigninLinks(config, now, contact)];
}

/** The demo contact when the demo data is seeded, else a recent contact; null when there is none. */
export async function findLinkContact(client: Db): Promise<LinkContact | null> {
  const sql = sqlOf(client);
  const demoId = await findContactIdByExternalRef("demo", demoLinkContactKey, sql);
  // Ids grow with time (lib/db/ids.ts, Prisma's cuid): the primary key's last entry is a recent
  // contact, found without reading the table.
  const [row] = demoId
    ? await sql.query<LinkContact>(`SELECT "id", "displayName" AS "name" FROM "Contact" WHERE "id" = $1`, [demoId])
    : await sql.query<LinkContact>(`SELECT "id", "displayName" AS "name" FROM "Contact" ORDER BY "id" DESC LIMIT 1`);
  return row ?? null;
}
