// The gate helper every host entry point uses, against real databases: what it records,
// how it answers in each host's form, and that the verification log — written after the
// answer — can be locked or broken without failing or changing a verified view.
import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testSecrets } from "@/tests/support/test-config";
import { useOwnDatabase } from "@/tests/support/own-database";
import { createTestDatabase, type TestDatabase } from "@/tests/support/test-database";
import { createOutageDatabase, type OutageDatabase } from "@/tests/support/outage-database";
import { captureLogs } from "@/tests/support/captured-logs";
import { createDb, type Db } from "@/lib/db/client";
import { createContact } from "@/lib/db/contacts";
import { deferredWriteCounts, flushDeferredWrites } from "@/lib/db/deferred-writes";
import { findKeyUse } from "@/lib/db/verification-log";
import { gateSureSendRequest } from "@/lib/integrations/suresend/gate";
import { gateSocialSignInIframe } from "@/lib/integrations/socialsignin/iframe-gate";
import { signSocialSignInQuery } from "@/lib/integrations/socialsignin/sign";
import { signSureSendContext } from "@/lib/integrations/suresend/sign";
import { samplePersonContext } from "@/lib/integrations/suresend/sample-contexts";
import { verifySureSendQuery } from "@/lib/integrations/suresend/verify";
import { unixSeconds } from "@/lib/signing/verdict";
import { type RefusalForm, answerRefusal, embeddedRefusalForm, gateVerdict } from "./host-gate";

const ring = [
  { slot: "current" as const, secret: testSecrets.SURESEND_WIDGET_SECRET },
  { slot: "previous" as const, secret: testSecrets.SURESEND_WIDGET_SECRET_PREVIOUS },
];
const jsonForm: RefusalForm = { kind: "json", headers: { "Cache-Control": "no-store" }, where: "test" };

/** A signed widget query whose context no other test sends; `key` signs it. */
function widgetQuery(key: string = testSecrets.SURESEND_WIDGET_SECRET) {
  const signed = signSureSendContext({ ...samplePersonContext(), team: { id: randomUUID(), name: "Team" } }, key);
  return { query: new URLSearchParams(signed).toString(), context: signed.context };
}
const verdictOf = (query: string) =>
  verifySureSendQuery({ rawQuery: query, ring, maxAgeSeconds: 300, now: unixSeconds() });
const widget = (query: string, client: Db) =>
  gateSureSendRequest(new NextRequest(`http://localhost/widgets/suresend?${query}`), client);

describe("gateVerdict", () => {
  const own = useOwnDatabase();

  it("lets an accepted verdict on and notes its key", async () => {
    const gated = gateVerdict("suresend", verdictOf(widgetQuery().query), jsonForm, own.client);
    expect(gated.ok && gated.accepted.keySlot).toBe("current");
    await flushDeferredWrites();
    expect((await findKeyUse("suresend", own.client))?.keySlot).toBe("current");
  });

  it("answers a refusal in JSON with the contract's status and code, and records it with its signed text", async () => {
    const { context } = widgetQuery();
    const gated = gateVerdict(
      "suresend",
      verdictOf(`context=${context}&signature=${"0".repeat(64)}`),
      jsonForm,
      own.client,
    );
    if (gated.ok) throw new Error("expected a refusal");
    expect(gated.response.status).toBe(403);
    expect(gated.response.headers.get("cache-control")).toBe("no-store");
    expect(await gated.response.json()).toEqual({
      error: { code: "bad_signature", message: expect.any(String) as string },
    });
    await flushDeferredWrites();
    const recorded = await own.client.verificationFailure.findMany({ where: { canonical: context } });
    expect(recorded.map((r) => [r.integration, r.reason])).toEqual([["suresend", "bad_signature"]]);
  });

  it("answers a refusal as an HTML page in an embedded view's form, framed by the host only", async () => {
    const form = embeddedRefusalForm(["https://host.example"], "test");
    const gated = gateVerdict("socialsignin", verdictOf("context=a"), form, own.client);
    if (gated.ok) throw new Error("expected a refusal");
    expect(gated.response.status).toBe(400);
    expect(gated.response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(gated.response.headers.get("content-security-policy")).toContain("frame-ancestors https://host.example");
    expect(await gated.response.text()).toContain('<main data-error-code="missing_parameter">');
    await flushDeferredWrites();
    expect(await own.client.verificationFailure.count({ where: { integration: "socialsignin" } })).toBe(1);
  });

  it("answers anything else thrown as a generic 500, never with its text", async () => {
    const response = answerRefusal(new Error("detail of a bug"), jsonForm);
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ error: { code: "internal_error" } });
    expect(text).not.toContain("detail of a bug");
  });
});

describe("a verification log that cannot be written", () => {
  let broken: TestDatabase;
  let client: Db;
  beforeAll(async () => {
    broken = await createTestDatabase();
    client = createDb(broken.url);
    // The log's tables gone, as after a bad restore: every record of it fails to write.
    await client.$executeRawUnsafe(`DROP TABLE "KeyUse"`);
    await client.$executeRawUnsafe(`DROP TABLE "VerificationFailure"`);
  });
  afterAll(async () => {
    await client.$disconnect();
    await broken.drop();
  });

  it("fails no verified view and changes no answer: its writes are given up and logged", async () => {
    await flushDeferredWrites();
    const logs = captureLogs();
    try {
      const before = deferredWriteCounts().skipped;
      const view = widget(widgetQuery().query, client);
      expect(view.status).toBe(200);
      expect(view.headers.get("x-middleware-next")).toBe("1");

      const { id } = await createContact({ kind: "person", firstName: "Log", lastName: "Less" }, client);
      const iframe = await gateSocialSignInIframe(
        new NextRequest(
          `http://localhost/socialsignin/iframe?${signSocialSignInQuery(
            [
              ["id", id],
              ["expires", String(unixSeconds() + 300)],
            ],
            testSecrets.SOCIALSIGNIN_SECRET,
          )}`,
        ),
        client,
      );
      expect(iframe.headers.get("x-middleware-next")).toBe("1");

      const refused = widget(`context=${widgetQuery().context}&signature=${"0".repeat(64)}`, client);
      expect(refused.status).toBe(403);
      expect(await refused.text()).toContain('<main data-error-code="bad_signature">');

      await flushDeferredWrites();
      // Two key uses and one failure, each tried once and given up (a missing table is no outage to wait for).
      expect(deferredWriteCounts()).toEqual({ queued: 0, skipped: before + 3 });
      expect(logs.lines.filter((line) => line.event === "deferred_writes.dropped")).toHaveLength(3);
    } finally {
      logs.restore();
    }
  });
});

describe("a verification log behind a lock", () => {
  let outage: OutageDatabase;
  let client: Db;
  beforeAll(async () => {
    outage = await createOutageDatabase();
    client = createDb(outage.url);
  });
  afterAll(async () => {
    await client.$disconnect();
    await outage.drop();
  });

  it("holds up no verified view; what it records waits and is written once the lock is gone", async () => {
    const release = await outage.lock();
    let view: Response;
    try {
      view = widget(widgetQuery(testSecrets.SURESEND_WIDGET_SECRET_PREVIOUS).query, client);
      await flushDeferredWrites();
      expect(deferredWriteCounts().queued).toBe(1);
    } finally {
      await release();
    }
    expect(view.headers.get("x-middleware-next")).toBe("1");
    await flushDeferredWrites();
    expect(deferredWriteCounts().queued).toBe(0);
    expect((await findKeyUse("suresend", client))?.keySlot).toBe("previous");
  });
});
