import { describe, expect, it } from "vitest";
import { createContact } from "@/lib/db/contacts";
import { useOwnDatabase } from "@/tests/support/own-database";
import { loadEnv } from "@/lib/env";
import { rawQueryOf } from "@/lib/http/raw-query";
import { verifySocialSignInQuery } from "@/lib/integrations/socialsignin/verify";
import { demoLinkContactKey, demoLinks, findLinkContact } from "./links";

const config = loadEnv({ APP_BASE_URL: "https://crm.example.com", SOCIALSIGNIN_SECRET: "demo-links-secret" });
const ring = [{ slot: "current" as const, secret: "demo-links-secret" }];
const now = new Date("2026-06-01T12:00:00Z");
const at = (date: Date) => Math.floor(date.getTime() / 1000);
const contact = { id: "cm-demo-4", name: "Chen Álvarez" };
const socialsignin = (env: typeof config, linked: typeof contact | null = contact) =>
  demoLinks(env, now, linked).filter((l) => l.integration === "socialsignin");

describe("demoLinks: SocialSignIn", () => {
  it("signs a search for the contact's name, valid for a day", () => {
    const [search] = socialsignin(config);
    expect(search?.label).toBe("SocialSignIn search for “Chen Álvarez” (JSON, valid 24 h)");
    expect(search?.url.startsWith("https://crm.example.com/api/socialsignin/search?q=Chen+%C3%81lvarez&expires=")).toBe(
      true,
    );
    const query = rawQueryOf(search!.url);
    expect(verifySocialSignInQuery({ rawQuery: query, required: "q", ring, now: at(now) + 86_399 })).toMatchObject({
      ok: true,
      value: "Chen Álvarez",
    });
    expect(verifySocialSignInQuery({ rawQuery: query, required: "q", ring, now: at(now) + 86_401 }).ok).toBe(false);
  });

  it("signs the contact's iframe link", () => {
    const iframe = socialsignin(config).find((l) => l.label.includes("iframe"));
    expect(iframe?.label).toBe("SocialSignIn iframe of Chen Álvarez (valid 24 h)");
    expect(iframe?.url.startsWith("https://crm.example.com/socialsignin/iframe?id=cm-demo-4&expires=")).toBe(true);
    expect(
      verifySocialSignInQuery({ rawQuery: rawQueryOf(iframe!.url), required: "id", ring, now: at(now) }),
    ).toMatchObject({ ok: true, value: "cm-demo-4" });
  });

  it("has no SocialSignIn links when the integration is disabled or there is no contact yet", () => {
    expect(socialsignin(loadEnv({}))).toEqual([]);
    expect(socialsignin(config, null)).toEqual([]);
  });
});

describe("findLinkContact", () => {
  // An empty database of its own: the shared one may hold the demo data already.
  const database = useOwnDatabase();

  it("opens the demo contact when the demo data is seeded, else a contact that exists", async () => {
    const client = database.client;
    expect(await findLinkContact(client)).toBeNull();
    const other = await createContact({ kind: "person", firstName: "Asha", lastName: "Rao" }, client);
    expect(await findLinkContact(client)).toEqual({ id: other.id, name: "Asha Rao" });
    const demo = await createContact(
      {
        kind: "person",
        firstName: "Chen",
        lastName: "Álvarez",
        externalRefs: [{ system: "demo", externalId: demoLinkContactKey }],
      },
      client,
    );
    await createContact({ kind: "person", firstName: "Newer", lastName: "Contact" }, client);
    expect(await findLinkContact(client)).toEqual({ id: demo.id, name: "Chen Álvarez" });
  });
});
