import { describe, expect, it } from "vitest";
import { createContact, findContactIdByExternalRef } from "@/lib/db/contacts";
import { db } from "@/lib/db/client";
import { loadEnv } from "@/lib/env";
import { rawQueryOf } from "@/lib/http/raw-query";
import { verifySocialSignInQuery } from "@/lib/integrations/socialsignin/verify";
import { demoLinks, findDemoLinkContactIds } from "./links";

const config = loadEnv({ APP_BASE_URL: "https://crm.example.com", SOCIALSIGNIN_SECRET: "demo-links-secret" });
const ring = [{ slot: "current" as const, secret: "demo-links-secret" }];
const now = new Date("2026-06-01T12:00:00Z");
const at = (date: Date) => Math.floor(date.getTime() / 1000);
const socialsignin = (env: typeof config, ids = {}) => demoLinks(env, now, ids).filter((l) => l.label.startsWith("SocialSignIn"));

describe("demoLinks: SocialSignIn", () => {
  it("signs a search link, valid for a day", () => {
    const [search] = socialsignin(config);
    expect(search?.url.startsWith("https://crm.example.com/api/socialsignin/search?q=alvarez&expires=")).toBe(true);
    const query = rawQueryOf(search!.url);
    expect(verifySocialSignInQuery({ rawQuery: query, required: "q", ring, now: at(now) + 86_399 }).ok).toBe(true);
    expect(verifySocialSignInQuery({ rawQuery: query, required: "q", ring, now: at(now) + 86_401 }).ok).toBe(false);
  });

  it("adds the iframe link of the demo contact when its id is known", () => {
    expect(socialsignin(config)).toHaveLength(1);
    const links = socialsignin(config, { "person-4": "cm-demo-4" });
    const iframe = links.find((l) => l.label.includes("iframe"));
    expect(iframe?.url.startsWith("https://crm.example.com/socialsignin/iframe?id=cm-demo-4&expires=")).toBe(true);
    expect(verifySocialSignInQuery({ rawQuery: rawQueryOf(iframe!.url), required: "id", ring, now: at(now) })).toMatchObject({ ok: true, value: "cm-demo-4" });
  });

  it("has no SocialSignIn links when the integration is disabled", () => {
    expect(socialsignin(loadEnv({}))).toEqual([]);
  });

  it("finds the demo contact's id by its demo reference", async () => {
    // Another test may have seeded the demo data into the shared test database already.
    const id =
      (await findContactIdByExternalRef("demo", "person-4")) ??
      (await createContact({ kind: "person", firstName: "Chen", lastName: "Álvarez", externalRefs: [{ system: "demo", externalId: "person-4" }] })).id;
    expect(await findDemoLinkContactIds(db())).toEqual({ "person-4": id });
  });
});
