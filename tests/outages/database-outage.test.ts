// Contract section 8 against a real database taken away and locked (both engines; see
// tests/support/outage-database.ts): every entry point answers in bounded time and says
// "unavailable" the contract's way, verified views are never held up or failed by the
// records they write, and everything comes back by itself with the database.
// The steps run in order: stopped from the start, then back, then locked.
import { NextRequest } from "next/server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createDb, db } from "@/lib/db/client";
import { upsertStaffUser } from "@/lib/db/staff-users";
import { addNoteCommand } from "@/lib/notes/note-commands";
import { seedDemoData } from "@/lib/demo/seed";
import { flushDeferredWrites } from "@/lib/db/deferred-writes";
import { findKeyUse, listVerificationFailures } from "@/lib/db/verification-log";
import { loadOrUnavailable } from "@/lib/db/unavailable";
import { gateSureSendRequest } from "@/lib/integrations/suresend/gate";
import { findRecordForContext } from "@/lib/integrations/suresend/find-record";
import { signSureSendContext } from "@/lib/integrations/suresend/sign";
import { samplePersonContext } from "@/lib/integrations/suresend/sample-contexts";
import { sureSendContextSchema } from "@/lib/integrations/suresend/context-schema";
import { gateSocialSignInIframe } from "@/lib/integrations/socialsignin/iframe-gate";
import { signSocialSignInQuery } from "@/lib/integrations/socialsignin/sign";
import { gateAdminRequest } from "@/lib/auth/admin-gate";
import { GET as search } from "@/app/api/socialsignin/search/route";
import { GET as health } from "@/app/api/health/route";
import { testSecrets } from "@/tests/support/test-config";
import { createOutageDatabase } from "@/tests/support/outage-database";
import { type CapturedLogs, captureLogs } from "@/tests/support/captured-logs";

// This file's own database, given to the app before anything reads the configuration.
const outage = await createOutageDatabase();
process.env.DATABASE_URL = outage.url;
const engine = outage.url.startsWith("file:") ? "sqlite" : "postgresql";

const context = samplePersonContext();
const expires = () => String(Math.floor(Date.now() / 1000) + 300);

function widgetRequest(signature?: string) {
  const signed = signSureSendContext(context, testSecrets.SURESEND_WIDGET_SECRET);
  const query = new URLSearchParams({ context: signed.context, signature: signature ?? signed.signature });
  return new NextRequest(`http://localhost/widgets/suresend?${query}`);
}
const searchRequest = (q: string) =>
  search(
    new Request(
      `http://localhost/api/socialsignin/search?${signSocialSignInQuery(
        [
          ["q", q],
          ["expires", expires()],
        ],
        testSecrets.SOCIALSIGNIN_SECRET,
      )}`,
    ),
  );
const iframeRequest = (id: string) =>
  gateSocialSignInIframe(
    new NextRequest(
      `http://localhost/socialsignin/iframe?${signSocialSignInQuery(
        [
          ["id", id],
          ["expires", expires()],
        ],
        testSecrets.SOCIALSIGNIN_SECRET,
      )}`,
    ),
  );
const adminRequest = () =>
  gateAdminRequest(new NextRequest("http://localhost/admin", { headers: { cookie: "crm_bridge_session=some-token" } }));

/** Everything a widget view does on the server: the proxy's gate, then the page's read. */
async function serveWidget() {
  const gate = gateSureSendRequest(widgetRequest());
  const record = await loadOrUnavailable("test widget", () =>
    findRecordForContext(sureSendContextSchema.parse(context)),
  );
  return { gate, record };
}

let logs: CapturedLogs | undefined;
beforeAll(async () => {
  const client = createDb(outage.directUrl);
  await seedDemoData(client, null);
  await client.$disconnect();
});
afterAll(() => outage.drop());
afterEach(() => {
  // One line per failure, never a stack trace.
  expect(logs?.text() ?? "").not.toMatch(/\\n\s+at /);
  logs?.restore();
});

describe(`database outages (${engine})`, () => {
  it("with the database stopped: the widget still verifies, the rest answers 503 unavailable, quickly", async () => {
    await outage.stop();
    logs = captureLogs();
    const started = performance.now();

    const widget = await serveWidget();
    expect(widget.gate.headers.get("x-middleware-next")).toBe("1");
    expect(widget.record).toEqual({ available: false });

    // A refusal is still a refusal (its record is queued, and waits).
    const refused = gateSureSendRequest(widgetRequest("0".repeat(64)));
    expect(refused.status).toBe(403);

    const searched = await searchRequest("priya");
    expect(searched.status).toBe(503);
    expect(searched.headers.get("cache-control")).toBe("no-store");
    expect(searched.headers.get("x-content-type-options")).toBe("nosniff");
    const body = (await searched.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("unavailable");
    expect(body.error.message).toMatch(/unavailable/);

    const iframe = await iframeRequest("any-id");
    expect(iframe.status).toBe(503);
    expect(iframe.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(iframe.headers.get("content-security-policy")).toContain("frame-ancestors https://app.socialsignin.net");
    expect(iframe.headers.get("cache-control")).toBe("no-store");
    expect(iframe.headers.get("referrer-policy")).toBe("no-referrer");
    expect(iframe.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await iframe.text()).toContain('<main data-error-code="unavailable">');

    const admin = await adminRequest();
    expect(admin.status).toBe(503);
    expect(admin.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(await admin.text()).toContain('<main data-error-code="unavailable">');

    const healthy = await health();
    expect(healthy.status).toBe(503);
    expect(await healthy.json()).toEqual({ status: "error", database: "error" });

    // The bound for the whole round: nothing waited on the missing database.
    expect(performance.now() - started).toBeLessThan(2000);
    expect(
      logs.lines.some((line) => line.event === "database.unavailable" && /database unavailable/.test(String(line.msg))),
    ).toBe(true);
  });

  it("comes back by itself when the database does, and writes what was queued meanwhile", async () => {
    await outage.start();
    logs = captureLogs();
    const widget = await serveWidget();
    expect(widget.record.available && widget.record.value?.card.name).toBeTruthy();
    const searched = await searchRequest("priya");
    expect(searched.status).toBe(200);
    const { results } = (await searched.json()) as { results: { id: string }[] };
    expect(results.length).toBeGreaterThan(0);
    expect((await iframeRequest(results[0]!.id)).headers.get("x-middleware-next")).toBe("1");
    expect((await adminRequest()).headers.get("x-middleware-next")).toBe("1");
    expect((await health()).status).toBe(200);

    await flushDeferredWrites();
    expect((await findKeyUse("suresend"))?.keySlot).toBe("current");
    expect((await listVerificationFailures("suresend", 1))[0]?.reason).toBe("bad_signature");
  });

  it("with a lock held by another connection: the widget answers with its context within 2 s", async () => {
    const release = await outage.lock();
    logs = captureLogs();
    let elapsed: number;
    let widget: Awaited<ReturnType<typeof serveWidget>>;
    let searched: Response;
    try {
      const started = performance.now();
      // A change of key is written at once (not within the minute's throttle), so this
      // view does queue a write that meets the lock.
      const previous = signSureSendContext(context, testSecrets.SURESEND_WIDGET_SECRET_PREVIOUS);
      const gate = gateSureSendRequest(
        new NextRequest(
          `http://localhost/widgets/suresend?${new URLSearchParams({ context: previous.context, signature: previous.signature })}`,
        ),
      );
      expect(gate.headers.get("x-middleware-next")).toBe("1");
      widget = await serveWidget();
      searched = await searchRequest("priya");
      expect((await health()).status).toBe(200);
      elapsed = performance.now() - started;
    } finally {
      await release();
    }
    expect(widget.gate.headers.get("x-middleware-next")).toBe("1");
    if (engine === "sqlite") {
      // Under WAL a write lock does not stop readers: the record is shown as usual.
      expect(widget.record.available && widget.record.value?.card.name).toBeTruthy();
      expect(searched.status).toBe(200);
    } else {
      // ACCESS EXCLUSIVE stops readers too: past lock_timeout the view says unavailable.
      expect(widget.record).toEqual({ available: false });
      expect(searched.status).toBe(503);
      expect(((await searched.json()) as { error: { code: string } }).error.code).toBe("unavailable");
    }
    expect(elapsed).toBeLessThan(2000);

    // The key use queued behind the lock is written once it is released.
    await flushDeferredWrites();
    expect((await findKeyUse("suresend"))?.keySlot).toBe("current");
  });

  it("with a lock held past a note's retries: the note form keeps the text and says the data is unavailable", async () => {
    const author = await upsertStaffUser("outage-notes@example.com", "password-123456");
    const { id: contactId } = await db().contact.findFirstOrThrow({ select: { id: true } });
    const typed = "Call back on Monday about the 2BHK";
    const form = new FormData();
    form.set("contactId", contactId);
    form.set("body", typed);
    const release = await outage.lock();
    logs = captureLogs();
    let result: Awaited<ReturnType<typeof addNoteCommand>>;
    try {
      result = await addNoteCommand({ id: author.id, email: author.email, name: null }, form);
    } finally {
      await release();
    }
    expect(result.state).toEqual({
      status: "invalid",
      errors: { form: expect.stringMatching(/unavailable right now, so nothing was saved/) as unknown },
      body: typed,
    });
    expect(await db().note.count({ where: { contactId, body: typed } })).toBe(0);
  });
});
