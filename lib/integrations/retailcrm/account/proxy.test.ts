import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { startFakeRetailCrm, type FakeRetailCrm } from "@/tests/fakes/retailcrm-server";
import { connectFakeAccount } from "@/tests/support/retailcrm";
import { db } from "@/lib/db/client";
import { accountProxy } from "./proxy";
import { startAccountSession } from "./session";

const url = "http://localhost:3000/retailcrm/account";
let fake: FakeRetailCrm;
let token: string;

beforeAll(async () => {
  fake = await startFakeRetailCrm({ apiKeys: ["ProxyKey0123456789"] });
  await connectFakeAccount(fake, "ProxyKey0123456789");
  const connection = await db().retailCrmConnection.findUniqueOrThrow({ where: { systemUrl: fake.url } });
  token = await startAccountSession(connection.id);
});
afterAll(() => fake.close());

const frameAncestors = (csp: string | null) => /frame-ancestors ([^;]+)$/.exec(csp ?? "")?.[1];

describe("accountProxy", () => {
  it("rewrites retailCRM's POST to the session route", async () => {
    const response = await accountProxy(new NextRequest(url, { method: "POST", body: "clientId=x" }));
    expect(response.status).toBe(200);
    expect(response.headers.get("x-middleware-rewrite")).toBe("http://localhost:3000/retailcrm/account/session");
  });

  it("lets only the session's retailCRM account frame the page", async () => {
    const response = await accountProxy(new NextRequest(url, { headers: { cookie: `retailcrm_session=${token}` } }));
    const csp = response.headers.get("content-security-policy");
    expect(frameAncestors(csp)).toBe(fake.url);
    expect(response.headers.get("cache-control")).toBe("no-store");
    // the same policy goes to Next.js on the request, which takes the script nonce from it
    expect(response.headers.get("x-middleware-request-content-security-policy")).toBe(csp);
    expect(csp).toMatch(/script-src 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'/);
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
  });

  it("refuses a query over 16 KiB", async () => {
    const response = await accountProxy(new NextRequest(`${url}?disconnect=${"x".repeat(17 * 1024)}`));
    expect(response.status).toBe(414);
    expect(await response.text()).toContain('data-error-code="uri_too_long"');
  });

  it("uses a new nonce for every page", async () => {
    const nonce = async () =>
      /'nonce-([^']+)'/.exec(
        (await accountProxy(new NextRequest(url))).headers.get("content-security-policy") ?? "",
      )?.[1];
    expect(await nonce()).not.toBe(await nonce());
  });

  it("lets the session-ended page (no data, no buttons) show in any frame", async () => {
    for (const cookie of ["", "retailcrm_session=unknown", `retailcrm_session=${"a".repeat(43)}`]) {
      const response = await accountProxy(new NextRequest(url, { headers: cookie ? { cookie } : {} }));
      expect(frameAncestors(response.headers.get("content-security-policy"))).toBe("*");
    }
  });
});
