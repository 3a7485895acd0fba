// The widget route's front door against the real test database: status, headers and
// body of every outcome. (The rendered page itself is tested end to end in e2e/.)
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { testSecrets } from "@/tests/support/test-config";
import { findKeyUse, listVerificationFailures } from "@/lib/db/verification-log";
import { hmacSha256Hex } from "@/lib/signing/hmac";
import { gateSureSendRequest } from "./gate";
import { signSureSendContext } from "./sign";
import { samplePersonContext } from "./sample-contexts";
import { flushDeferredWrites } from "@/lib/db/deferred-writes";

const base = "http://localhost/widgets/suresend";
const secret = testSecrets.SURESEND_WIDGET_SECRET;

function request(query: string) {
  return new NextRequest(`${base}?${query}`);
}

function signedQuery(context: unknown, key: string = secret) {
  const signed = signSureSendContext(context, key);
  return new URLSearchParams({ context: signed.context, signature: signed.signature }).toString();
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
  it("lets a fresh, signed request through to the page with a script nonce", async () => {
    const response = await gateSureSendRequest(request(signedQuery(samplePersonContext())));
    expect(response.headers.get("x-middleware-next")).toBe("1");
    expectSecurityHeaders(response);
    expect(response.headers.get("content-security-policy")).toMatch(
      /script-src 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'/,
    );
    await flushDeferredWrites();
    expect((await findKeyUse("suresend"))?.keySlot).toBe("current");
  });

  it("answers each refusal itself, with its status, code and headers, and no contact data", async () => {
    const context = samplePersonContext();
    const good = signSureSendContext(context, secret);
    const stale = signSureSendContext({ ...context, timestamp: "2020-01-01T00:00:00Z" }, secret);
    const notJson = Buffer.from("not json").toString("base64");
    const cases: [string, number, string][] = [
      [`context=${encodeURIComponent(good.context)}`, 400, "missing_parameter"],
      [`context=${encodeURIComponent(good.context)}&signature=${"0".repeat(64)}`, 403, "bad_signature"],
      [`context=${notJson}&signature=${hmacSha256Hex(secret, notJson)}`, 400, "bad_context"],
      [`context=${encodeURIComponent(stale.context)}&signature=${stale.signature}`, 403, "stale_context"],
      [`context=a&context=b&signature=${good.signature}`, 400, "duplicate_parameter"],
      [`context=${"A".repeat(17 * 1024)}&signature=${good.signature}`, 414, "uri_too_long"],
    ];
    for (const [query, status, code] of cases) {
      const response = await gateSureSendRequest(request(query));
      expect(response.status, code).toBe(status);
      expectSecurityHeaders(response);
      expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
      const body = await response.text();
      expect(body).toContain(`<main data-error-code="${code}">`);
      for (const leaked of [context.person.firstName!, context.person.lastName!, context.person.emails[0]!.value]) {
        expect(body).not.toContain(leaked);
      }
    }
  });

  it("records why a request was refused, with the signed text and never the secret or expected signature", async () => {
    const context = samplePersonContext();
    const forged = signSureSendContext(context, "f".repeat(64));
    await gateSureSendRequest(request(`context=${forged.context}&signature=${forged.signature}`));
    await flushDeferredWrites();
    const [latest] = await listVerificationFailures("suresend", 1);
    expect(latest?.reason).toBe("bad_signature");
    expect(latest?.canonical).toBe(forged.context.slice(0, 4096));
    expect(latest?.canonical).not.toContain(secret);
    expect(latest?.canonical).not.toContain(hmacSha256Hex(secret, forged.context));
  });

  it("verifies a context whose + / = were sent unencoded", async () => {
    let signed = signSureSendContext(samplePersonContext(), secret);
    for (let i = 0; !signed.context.includes("+"); i++) {
      signed = signSureSendContext({ ...samplePersonContext(), note: `Zoë Ørsted ~?> ÿþ ${i}` }, secret);
    }
    const response = await gateSureSendRequest(request(`context=${signed.context}&signature=${signed.signature}`));
    expect(response.headers.get("x-middleware-next")).toBe("1");
  });

  it("notes when the previous key verified, so an operator knows the rotation is not finished", async () => {
    await gateSureSendRequest(request(signedQuery(samplePersonContext(), testSecrets.SURESEND_WIDGET_SECRET_PREVIOUS)));
    await flushDeferredWrites();
    expect((await findKeyUse("suresend"))?.keySlot).toBe("previous");
  });
});
