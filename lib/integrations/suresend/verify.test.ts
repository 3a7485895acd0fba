// The pure Sure Send verifier, exhaustively: every step of the contract's order, each
// refusal's status and code, the canonical text the log gets, and that it never throws.
import { describe, expect, it } from "vitest";
import type { KeyRing } from "@/lib/env";
import { maxQueryBytes } from "@/lib/http/query";
import { hmacSha256Hex } from "@/lib/signing/hmac";
import { unixSeconds } from "@/lib/signing/verdict";
import { signSureSendContext } from "./sign";
import { verifySureSendQuery, type SureSendVerdict } from "./verify";

const current = "5f2b7c1e9a0d4b3c8e6f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d";
const previous = "0000111122223333444455556666777788889999aaaabbbbccccddddeeeeffff";
const ring: KeyRing = [
  { slot: "current", secret: current },
  { slot: "previous", secret: previous },
];
const now = new Date("2026-12-01T12:00:00Z");

function personContext(overrides: Record<string, unknown> = {}) {
  return {
    team: { id: "team-1", name: "Acme Real Estate" },
    user: { id: "user-1", email: "agent@acme.example" },
    person: {
      id: "p-1",
      firstName: "Jane",
      lastName: "Doe",
      stage: { name: "Lead" },
      emails: [{ value: "jane@example.com", isPrimary: 1 }],
      phones: [{ phone: "+1-555-1234", type: "mobile", isPrimary: 1, normalized: "15551234" }],
    },
    timestamp: now.toISOString(),
    ...overrides,
  };
}

/** The query as a host would send it: `raw` leaves + / = unencoded, like the seed's test-URL generator. */
function query(context: string, signature: string, raw = false): string {
  return raw ? `context=${context}&signature=${signature}` : new URLSearchParams({ context, signature }).toString();
}

function verify(rawQuery: string, at: Date = now): SureSendVerdict {
  return verifySureSendQuery({ rawQuery, ring, maxAgeSeconds: 300, now: unixSeconds(at) });
}

function refused(rawQuery: string, at?: Date) {
  const verdict = verify(rawQuery, at);
  if (verdict.ok) throw new Error("expected a refusal, but it verified");
  expect(verdict.message.length).toBeGreaterThan(0);
  return verdict;
}

function expectRefused(rawQuery: string, status: number, code: string) {
  const verdict = refused(rawQuery);
  expect({ status: verdict.status, code: verdict.code }).toEqual({ status, code });
  return verdict;
}

/** A base64 context that contains '+' and '/', to exercise unencoded queries. */
function contextWithPlusAndSlash() {
  for (let i = 0; i < 500; i++) {
    const ctx = personContext({ note: `${"x".repeat(i % 3)}Zoë Ørsted ~?> ÿþ ${i}` });
    const signed = signSureSendContext(ctx, current);
    if (signed.context.includes("+") && signed.context.includes("/")) return signed;
  }
  throw new Error("no context with + and / found");
}

describe("verifySureSendQuery: accepted", () => {
  it("accepts a context signed with the current key and returns it, with the signed text", () => {
    const signed = signSureSendContext(personContext(), current);
    const verdict = verify(query(signed.context, signed.signature));
    if (!verdict.ok) throw new Error(verdict.message);
    expect(verdict.keySlot).toBe("current");
    expect(verdict.canonical).toBe(signed.context);
    expect(verdict.context.person?.firstName).toBe("Jane");
    expect(verdict.context.person?.emails[0]?.isPrimary).toBe(true);
  });

  it("accepts the previous key during rotation, and says so", () => {
    const signed = signSureSendContext(personContext(), previous);
    expect(verify(query(signed.context, signed.signature))).toMatchObject({ ok: true, keySlot: "previous" });
  });

  it("verifies whether or not + / = were percent-encoded", () => {
    const signed = contextWithPlusAndSlash();
    for (const raw of [true, false]) {
      expect(verify(query(signed.context, signed.signature, raw))).toMatchObject({
        ok: true,
        keySlot: "current",
        canonical: signed.context,
      });
    }
  });

  it("accepts an upper-case hex signature, and one with surrounding spaces", () => {
    const signed = signSureSendContext(personContext(), current);
    expect(verify(query(signed.context, signed.signature.toUpperCase())).ok).toBe(true);
    expect(verify(query(signed.context, ` ${signed.signature} `)).ok).toBe(true);
  });

  it("decodes URL-safe base64 (- and _) when that is the text the host signed", () => {
    for (let i = 0; i < 200; i++) {
      const standard = signSureSendContext(personContext({ note: `ÿþ~~~?>${i}` }), current).context;
      if (!/[+/]/.test(standard)) continue;
      const urlSafe = standard.replace(/\+/g, "-").replace(/\//g, "_");
      expect(verify(query(urlSafe, hmacSha256Hex(current, urlSafe)))).toMatchObject({ ok: true, canonical: urlSafe });
      return;
    }
    throw new Error("no context with + or / found");
  });

  it("allows extra fields and missing optional ones, as in the seed's own test contexts", () => {
    const seedTestContext = {
      team: { id: "team-uuid-here", name: "Test Team" },
      user: { id: "user-uuid-here", email: "agent@example.com" },
      company: {
        id: "123e4567-e89b-12d3-a456-426614174000",
        name: "Test Company",
        industry: "Real Estate",
        website: "https://test.com",
        stage: { name: "Lead" },
        emails: [{ value: "info@test.com", isPrimary: 1 }],
        phones: [{ phone: "+1-555-1234", type: "work", isPrimary: 1, normalized: "15551234" }],
        addresses: [
          {
            type: "office",
            street: "123 Main St",
            city: "San Francisco",
            state: "CA",
            code: "94105",
            country: "United States",
            isPrimary: 1,
          },
        ],
        futureField: { anything: true },
      },
      timestamp: now.toISOString(),
      widgetVersion: 2,
    };
    const signed = signSureSendContext(seedTestContext, current);
    const verdict = verify(query(signed.context, signed.signature, true));
    if (!verdict.ok) throw new Error(verdict.message);
    expect(verdict.context.company?.addresses[0]?.city).toBe("San Francisco");
    expect(verdict.context.company?.annualRevenue).toBeUndefined();
  });

  it("accepts timestamps with an offset", () => {
    const signed = signSureSendContext(personContext({ timestamp: "2026-12-01T13:59:00+02:00" }), current);
    expect(verify(query(signed.context, signed.signature)).ok).toBe(true);
  });
});

describe("verifySureSendQuery: refused", () => {
  const signed = signSureSendContext(personContext(), current);

  it("a missing or empty parameter → 400 missing_parameter, naming it", () => {
    const cases: [string, RegExp][] = [
      [new URLSearchParams({ context: signed.context }).toString(), /carry signature\.$/],
      [new URLSearchParams({ signature: signed.signature }).toString(), /carry context\.$/],
      ["", /carry context and signature\.$/],
      [query("", signed.signature), /carry context\.$/],
      [query(signed.context, ""), /carry signature\.$/],
    ];
    for (const [raw, message] of cases) {
      expect(expectRefused(raw, 400, "missing_parameter").message).toMatch(message);
    }
  });

  it("a repeated parameter → 400 duplicate_parameter, before anything else is looked at", () => {
    expectRefused(`${query(signed.context, signed.signature)}&context=${signed.context}`, 400, "duplicate_parameter");
    expectRefused(`${query(signed.context, signed.signature)}&signature=x`, 400, "duplicate_parameter");
    // empty and repeated: still the repetition
    expect(expectRefused("context=&context=&signature=", 400, "duplicate_parameter").message).toContain('"context"');
  });

  it("a query over 16 KiB → 414 uri_too_long; exactly 16 KiB is read", () => {
    const at = (bytes: number) =>
      `context=${"A".repeat(bytes - "context=&signature=".length - 64)}&signature=${"0".repeat(64)}`;
    expect(at(maxQueryBytes)).toHaveLength(maxQueryBytes);
    expect(refused(at(maxQueryBytes)).code).toBe("bad_signature");
    const verdict = expectRefused(at(maxQueryBytes + 1), 414, "uri_too_long");
    expect(verdict.canonical.startsWith("AAAA")).toBe(true);
  });

  it("a tampered context, a wrong key, a malformed signature → 403 bad_signature", () => {
    const tampered = signSureSendContext(personContext({ person: { firstName: "Mallory" } }), "f".repeat(64));
    const cases: [string, string][] = [
      [tampered.context, signed.signature],
      [signed.context, hmacSha256Hex("a".repeat(64), signed.context)],
      [signed.context, signed.signature.slice(0, 62)],
      [signed.context, `${signed.signature}00`],
      [signed.context, "zz".repeat(32)],
      [signed.context, "not hex at all"],
      // the HMAC of the decoded JSON instead of the base64 text: a classic integration mistake
      [signed.context, hmacSha256Hex(current, JSON.stringify(personContext()))],
    ];
    for (const [context, signature] of cases) {
      const verdict = expectRefused(query(context, signature), 403, "bad_signature");
      expect(verdict.canonical).toBe(context);
    }
  });

  it("checks the signature before decoding: an unsigned non-base64 context is a bad signature", () => {
    expectRefused(query("not*base64!", "0".repeat(64)), 403, "bad_signature");
  });

  it("a signed context that is not base64, UTF-8 or JSON → 400 bad_context", () => {
    for (const context of [
      "not*base64!",
      "A",
      Buffer.from([0xff, 0xfe, 0xfd]).toString("base64"),
      Buffer.from("{nope").toString("base64"),
    ]) {
      expect(expectRefused(query(context, hmacSha256Hex(current, context)), 400, "bad_context").canonical).toBe(
        context,
      );
    }
  });

  it("a signed context that breaks the schema → 400 bad_context, naming the field", () => {
    const { person, ...withoutPerson } = personContext();
    const broken: [unknown, RegExp][] = [
      [withoutPerson, /exactly one of `person` or `company`/],
      [{ ...personContext(), company: { name: "Acme" } }, /exactly one/],
      [personContext({ team: undefined }), /team/],
      [personContext({ user: { id: "u" } }), /user\.email/],
      [personContext({ timestamp: "yesterday" }), /timestamp/],
      [personContext({ person: { ...person, firstName: 42 } }), /person\.firstName/],
      [personContext({ person: { ...person, emails: [{ isPrimary: 1 }] } }), /person\.emails\.0/],
      [[1, 2, 3], /./],
      [null, /./],
      ["a string", /./],
    ];
    for (const [context, message] of broken) {
      const s = signSureSendContext(context, current);
      expect(expectRefused(query(s.context, s.signature), 400, "bad_context").message).toMatch(message);
    }
  });

  it("checks freshness at the boundaries → 403 stale_context", () => {
    const at = (secondsAgo: number) => {
      const s = signSureSendContext(
        personContext({ timestamp: new Date(now.getTime() - secondsAgo * 1000).toISOString() }),
        current,
      );
      return query(s.context, s.signature);
    };
    expect(verify(at(300)).ok).toBe(true);
    expect(expectRefused(at(301), 403, "stale_context").message).toMatch(/301 s ago, more than the 300 s allowed/);
    expect(verify(at(-60)).ok).toBe(true);
    expect(expectRefused(at(-61), 403, "stale_context").message).toMatch(/61 s in the future/);
  });

  it("checks the signature before the timestamp: a stale forgery is a bad signature", () => {
    const old = signSureSendContext(personContext({ timestamp: "2020-01-01T00:00:00Z" }), "b".repeat(64));
    expectRefused(query(old.context, old.signature), 403, "bad_signature");
  });

  it("never puts a secret or the expected signature into a verdict", () => {
    const forged = signSureSendContext(personContext(), "c".repeat(64));
    const text = JSON.stringify(verify(query(forged.context, forged.signature)));
    for (const secret of [current, previous, hmacSha256Hex(current, forged.context), forged.signature]) {
      expect(text).not.toContain(secret);
    }
  });

  it("never throws, whatever the query", () => {
    const queries = [
      "%",
      "context=%zz&signature=%",
      "&&&==&",
      "context=%00&signature=%00",
      `context=${"=".repeat(100)}&signature=${"a".repeat(64)}`,
      "signature&context",
      "context=\u{1F600}&signature=\u{1F600}",
    ];
    for (const raw of queries) expect(() => verify(raw)).not.toThrow();
    for (const raw of queries) expect(verify(raw).ok).toBe(false);
  });
});
