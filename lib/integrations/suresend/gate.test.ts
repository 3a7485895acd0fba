// The widget route's front door against a real database: status, headers and body of
// every outcome, and what it records. The file logs to a database of its own (the key
// use is one row per integration, which other files write too), and every request
// carries a context of its own, found again by its exact signed text, never as "the
// latest row". (The rendered page itself is tested end to end in e2e/.)
import { errorPageStyleSource } from "@/lib/http/html";
import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { testSecrets } from "@/tests/support/test-config";
import { useOwnDatabase } from "@/tests/support/own-database";
import { findKeyUse } from "@/lib/db/verification-log";
import { flushDeferredWrites } from "@/lib/db/deferred-writes";
import { hmacSha256Hex } from "@/lib/signing/hmac";
import { gateSureSendRequest } from "./gate";
import { signSureSendContext } from "./sign";
import { samplePersonContext } from "./sample-contexts";

const own = useOwnDatabase();
const base = "http://localhost/widgets/suresend";
const secret = testSecrets.SURESEND_WIDGET_SECRET;

const gate = (query: string) => gateSureSendRequest(new NextRequest(`${base}?${query}`), own.client);

/** A context no other test sends: its base64 text is this test's key in the log. */
function ownContext(overrides: Record<string, unknown> = {}) {
  return { ...samplePersonContext(), team: { id: randomUUID(), name: "Acme Real Estate" }, ...overrides };
}

function signedQuery(context: unknown, key: string = secret) {
  const signed = signSureSendContext(context, key);
  return new URLSearchParams({ context: signed.context, signature: signed.signature }).toString();
}

async function failuresFor(canonical: string) {
  await flushDeferredWrites();
  return own.client.verificationFailure.findMany({ where: { integration: "suresend", canonical } });
}

function expectSecurityHeaders(response: Response) {
  const csp = response.headers.get("content-security-policy") ?? "";
  expect(csp).toContain("frame-ancestors https://app.suresend.ai");
  expect(csp).toContain("default-src 'none'");
  expect(response.headers.get("cache-control")).toBe("no-store");
  expect(response.headers.get("referrer-policy")).toBe("no-referrer");
  expect(response.headers.get("x-content-type-options")).toBe("nosniff");
}

describe("Sure Send widget gate", () => {
  it("lets a fresh, signed request through to the page with a script nonce, and notes the key", async () => {
    const response = gate(signedQuery(ownContext()));
    expect(response.headers.get("x-middleware-next")).toBe("1");
    expectSecurityHeaders(response);
    expect(response.headers.get("content-security-policy")).toMatch(
      /script-src 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'/,
    );
    // The page may refuse with the error card and its inline style (components/contact/view-error.tsx).
    expect(response.headers.get("content-security-policy")).toContain(`style-src 'self' ${errorPageStyleSource}`);
    await flushDeferredWrites();
    expect((await findKeyUse("suresend", own.client))?.keySlot).toBe("current");
  });

  it("answers each refusal itself, with its status, code and headers, no contact data, and records it", async () => {
    const context = ownContext();
    const good = signSureSendContext(context, secret);
    const stale = signSureSendContext({ ...context, timestamp: "2020-01-01T00:00:00Z" }, secret);
    const notJson = Buffer.from(`not json ${randomUUID()}`).toString("base64");
    const long = `${good.context}${"A".repeat(17 * 1024)}`;
    const cases: [string, number, string, string][] = [
      [`context=${encodeURIComponent(good.context)}`, 400, "missing_parameter", good.context],
      [`context=${encodeURIComponent(good.context)}&signature=${"0".repeat(64)}`, 403, "bad_signature", good.context],
      [`context=${notJson}&signature=${hmacSha256Hex(secret, notJson)}`, 400, "bad_context", notJson],
      [
        `context=${encodeURIComponent(stale.context)}&signature=${stale.signature}`,
        403,
        "stale_context",
        stale.context,
      ],
      [`context=${good.context}&context=b&signature=${good.signature}`, 400, "duplicate_parameter", good.context],
      [`context=${long}&signature=${good.signature}`, 414, "uri_too_long", long.slice(0, 4096)],
    ];
    for (const [query, status, code, canonical] of cases) {
      const response = gate(query);
      expect(response.status, code).toBe(status);
      expectSecurityHeaders(response);
      expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
      const body = await response.text();
      expect(body).toContain(`<main data-error-code="${code}">`);
      for (const leaked of [context.person.firstName!, context.person.lastName!, context.person.emails[0]!.value]) {
        expect(body).not.toContain(leaked);
      }
      const recorded = await failuresFor(canonical);
      expect(
        recorded.map((r) => r.reason),
        code,
      ).toContain(code);
    }
  });

  it("records the signed text of a refusal, never the secret or the expected signature", async () => {
    const forged = signSureSendContext(ownContext(), "f".repeat(64));
    gate(`context=${forged.context}&signature=${forged.signature}`);
    const [recorded] = await failuresFor(forged.context.slice(0, 4096));
    expect(recorded?.reason).toBe("bad_signature");
    expect(recorded?.canonical).not.toContain(secret);
    expect(recorded?.canonical).not.toContain(hmacSha256Hex(secret, forged.context));
  });

  it("verifies a context whose + / = were sent unencoded", () => {
    let signed = signSureSendContext(ownContext(), secret);
    for (let i = 0; !signed.context.includes("+"); i++) {
      signed = signSureSendContext(ownContext({ note: `Zoë Ørsted ~?> ÿþ ${i}` }), secret);
    }
    expect(gate(`context=${signed.context}&signature=${signed.signature}`).headers.get("x-middleware-next")).toBe("1");
  });

  it("notes when the previous key verified, so an operator knows the rotation is not finished", async () => {
    gate(signedQuery(ownContext(), testSecrets.SURESEND_WIDGET_SECRET_PREVIOUS));
    await flushDeferredWrites();
    expect((await findKeyUse("suresend", own.client))?.keySlot).toBe("previous");
  });
});
