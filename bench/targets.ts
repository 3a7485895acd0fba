// What `npm run bench` drives: each hot path of the app, its framework reference, and
// the same work on the raw baseline. Paths are made fresh for each run (signed URLs
// expire), over random existing contacts.
import { testSecrets } from "@/tests/support/test-config";
import { sureSendWidgetUrl } from "@/lib/integrations/suresend/sign";
import { signSocialSignInQuery } from "@/lib/integrations/socialsignin/sign";
import { foldText } from "@/lib/contacts/normalize";
import { type GeneratedContact, generatedContact } from "./generate";
import { importedContact } from "./imported-database";

export type Target = { name: string; kind: "route" | "page"; server: "app" | "raw"; paths: () => string[] };

const samples = 2000;

function randomContacts(contacts: number) {
  return Array.from({ length: samples }, () => generatedContact(Math.floor(Math.random() * contacts)));
}

/** A signed Sure Send widget path showing this contact, as a person or a company. */
function widgetPath(c: GeneratedContact, now: Date): string {
  const subject =
    c.kind === "person"
      ? {
          person: {
            id: c.suresendId,
            firstName: c.firstName,
            lastName: c.lastName,
            emails: [{ value: c.email, isPrimary: 1 }],
            phones: [{ phone: c.phone, isPrimary: 1 }],
          },
        }
      : {
          company: {
            id: c.suresendId,
            name: c.displayName,
            emails: [{ value: c.email, isPrimary: 1 }],
            phones: [{ phone: c.phone, isPrimary: 1 }],
          },
        };
  const context = {
    team: { id: "bench-team", name: "Bench" },
    user: { id: "bench-user", email: "agent@example.com" },
    ...subject,
    timestamp: now.toISOString(),
  };
  return sureSendWidgetUrl("", context, testSecrets.SURESEND_WIDGET_SECRET);
}

/** Signed Sure Send widget paths of random existing contacts, people and companies alike. */
function widgetPaths(contacts: number): string[] {
  const now = new Date();
  return randomContacts(contacts).map((c) => widgetPath(c, now));
}

/**
 * Signed Sure Send widget paths of random contacts of the imported database: Sure Send does
 * not know them by a link yet, so each view finds its contact by email, as for an operator
 * whose contacts came from CRM.COM.
 */
export function importedWidgetPaths(count: number): string[] {
  const now = new Date();
  return Array.from({ length: samples }, (_, n) => {
    let i = Math.floor(Math.random() * count);
    while (!importedContact(count, i).valid) i = (i + 1) % count;
    const c = importedContact(count, i);
    const methods = { emails: [{ value: c.email, isPrimary: 1 }], phones: [{ phone: c.phone, isPrimary: 1 }] };
    const subject =
      c.kind === "person"
        ? { person: { id: `ss-imported-${n}`, firstName: c.firstName, lastName: c.lastName, ...methods } }
        : { company: { id: `ss-imported-${n}`, name: c.name, ...methods } };
    const context = {
      team: { id: "bench-team", name: "Bench" },
      user: { id: "bench-user", email: "agent@example.com" },
      ...subject,
      timestamp: now.toISOString(),
    };
    return sureSendWidgetUrl("", context, testSecrets.SURESEND_WIDGET_SECRET);
  });
}

function socialSignInQuery(name: "q" | "id", value: string, expires: string): string {
  return signSocialSignInQuery(
    [
      [name, value],
      ["expires", expires],
    ],
    testSecrets.SOCIALSIGNIN_SECRET,
  );
}

/** Signed searches as agents type them: name prefixes, a piece of a last name, and misses. */
function searchPaths(contacts: number): string[] {
  const expires = String(Math.floor(Date.now() / 1000) + 3600);
  return randomContacts(contacts).map((c, i) => {
    const words = foldText(c.displayName).split(" ");
    const last = words.at(-1) ?? "";
    const q =
      i % 3 === 0
        ? words[0]!.slice(0, 4)
        : i % 3 === 1
          ? last.length > 4
            ? last.slice(1, 5)
            : last
          : `zq${Math.random().toString(36).slice(2, 7)}`;
    return `/api/socialsignin/search?${socialSignInQuery("q", q, expires)}`;
  });
}

function iframePath(c: GeneratedContact): string {
  const expires = String(Math.floor(Date.now() / 1000) + 3600);
  return `/socialsignin/iframe?${socialSignInQuery("id", c.id, expires)}`;
}

function iframePaths(contacts: number): string[] {
  return randomContacts(contacts).map(iframePath);
}

/** The contact views weighed in Chromium: a fresh signed path each time, and the name it must show. */
export function weighedPages(contacts: number): { name: string; path: () => { path: string; expectText: string } }[] {
  const contact = generatedContact(Math.floor(contacts / 2));
  return [
    {
      name: "suresend widget",
      path: () => ({ path: widgetPath(contact, new Date()), expectText: contact.displayName }),
    },
    { name: "socialsignin iframe", path: () => ({ path: iframePath(contact), expectText: contact.displayName }) },
  ];
}

export function benchTargets(contacts: number): Target[] {
  return [
    { name: "reference route", kind: "route", server: "app", paths: () => ["/api/bench/reference"] },
    { name: "reference page", kind: "page", server: "app", paths: () => ["/widgets/reference"] },
    { name: "health", kind: "route", server: "app", paths: () => ["/api/health"] },
    { name: "raw health", kind: "route", server: "raw", paths: () => ["/api/health"] },
    { name: "suresend widget", kind: "page", server: "app", paths: () => widgetPaths(contacts) },
    { name: "raw suresend widget", kind: "page", server: "raw", paths: () => widgetPaths(contacts) },
    { name: "socialsignin search", kind: "route", server: "app", paths: () => searchPaths(contacts) },
    { name: "raw socialsignin search", kind: "route", server: "raw", paths: () => searchPaths(contacts) },
    { name: "socialsignin iframe", kind: "page", server: "app", paths: () => iframePaths(contacts) },
    { name: "raw socialsignin iframe", kind: "page", server: "raw", paths: () => iframePaths(contacts) },
  ];
}
