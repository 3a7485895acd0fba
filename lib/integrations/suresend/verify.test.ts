import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/http/errors";
import { hmacSha256Hex } from "@/lib/signing/hmac";
import { signSureSendContext } from "./sign";
import { verifySureSendRequest, type SureSendVerifyConfig } from "./verify";

const current = "5f2b7c1e9a0d4b3c8e6f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d";
const previous = "0000111122223333444455556666777788889999aaaabbbbccccddddeeeeffff";
const config: SureSendVerifyConfig = {
  secrets: [
    { slot: "current", secret: current },
    { slot: "previous", secret: previous },
  ],
  maxAgeSeconds: 300,
};
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
function query(context: string, signature: string, raw = false): URLSearchParams {
  const search = raw
    ? `context=${context}&signature=${signature}`
    : new URLSearchParams({ context, signature }).toString();
  return new URLSearchParams(search);
}

function rejection(fn: () => unknown): { status: number; code: string } {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return { status: error.status, code: error.code };
    throw error;
  }
  throw new Error("expected a rejection");
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

describe("verifySureSendRequest", () => {
  it("accepts a context signed with the current key and returns it", () => {
    const signed = signSureSendContext(personContext(), current);
    const result = verifySureSendRequest(query(signed.context, signed.signature), config, now);
    expect(result.keySlot).toBe("current");
    expect(result.context.person?.firstName).toBe("Jane");
    expect(result.context.person?.emails[0]?.isPrimary).toBe(true);
  });

  it("accepts the previous key during rotation, and says so", () => {
    const signed = signSureSendContext(personContext(), previous);
    expect(verifySureSendRequest(query(signed.context, signed.signature), config, now).keySlot).toBe("previous");
  });

  it("verifies whether or not + / = were percent-encoded", () => {
    const signed = contextWithPlusAndSlash();
    expect(verifySureSendRequest(query(signed.context, signed.signature, true), config, now).keySlot).toBe("current");
    expect(verifySureSendRequest(query(signed.context, signed.signature, false), config, now).keySlot).toBe("current");
  });

  it("accepts an upper-case hex signature", () => {
    const signed = signSureSendContext(personContext(), current);
    expect(verifySureSendRequest(query(signed.context, signed.signature.toUpperCase()), config, now).keySlot).toBe(
      "current",
    );
  });

  it("refuses a missing or empty parameter with 400 missing_parameter", () => {
    const signed = signSureSendContext(personContext(), current);
    expect(
      rejection(() => verifySureSendRequest(new URLSearchParams({ context: signed.context }), config, now)),
    ).toEqual({
      status: 400,
      code: "missing_parameter",
    });
    expect(
      rejection(() => verifySureSendRequest(new URLSearchParams({ signature: signed.signature }), config, now)),
    ).toEqual({
      status: 400,
      code: "missing_parameter",
    });
    expect(rejection(() => verifySureSendRequest(query("", signed.signature), config, now)).code).toBe(
      "missing_parameter",
    );
  });

  it("refuses a repeated parameter with 400 duplicate_parameter", () => {
    const signed = signSureSendContext(personContext(), current);
    const params = query(signed.context, signed.signature);
    params.append("context", signed.context);
    expect(rejection(() => verifySureSendRequest(params, config, now))).toEqual({
      status: 400,
      code: "duplicate_parameter",
    });
  });

  it("refuses a tampered context, a wrong key, a malformed signature with 403 bad_signature", () => {
    const signed = signSureSendContext(personContext(), current);
    const tampered = signSureSendContext(personContext({ person: { firstName: "Mallory" } }), "f".repeat(64));
    const cases: [string, string][] = [
      [tampered.context, signed.signature],
      [signed.context, hmacSha256Hex("a".repeat(64), signed.context)],
      [signed.context, signed.signature.slice(0, 62)],
      [signed.context, `${signed.signature}00`],
      [signed.context, "zz".repeat(32)],
      // the HMAC of the decoded JSON instead of the base64 text: a classic integration mistake
      [signed.context, hmacSha256Hex(current, JSON.stringify(personContext()))],
    ];
    for (const [context, signature] of cases) {
      expect(rejection(() => verifySureSendRequest(query(context, signature), config, now))).toEqual({
        status: 403,
        code: "bad_signature",
      });
    }
  });

  it("refuses a signed context that is not base64, UTF-8 or JSON with 400 bad_context", () => {
    for (const context of [
      "not*base64!",
      "A",
      Buffer.from([0xff, 0xfe, 0xfd]).toString("base64"),
      Buffer.from("{nope").toString("base64"),
    ]) {
      expect(
        rejection(() => verifySureSendRequest(query(context, hmacSha256Hex(current, context)), config, now)),
      ).toEqual({
        status: 400,
        code: "bad_context",
      });
    }
  });

  it("refuses a signed context that breaks the schema with 400 bad_context", () => {
    const { person, ...withoutPerson } = personContext();
    const broken = [
      withoutPerson, // neither person nor company
      { ...personContext(), company: { name: "Acme" } }, // both
      personContext({ team: undefined }),
      personContext({ user: { id: "u" } }),
      personContext({ timestamp: "yesterday" }),
      personContext({ person: { ...person, firstName: 42 } }),
      personContext({ person: { ...person, emails: [{ isPrimary: 1 }] } }),
      [1, 2, 3],
    ];
    for (const context of broken) {
      const signed = signSureSendContext(context, current);
      expect(rejection(() => verifySureSendRequest(query(signed.context, signed.signature), config, now))).toEqual({
        status: 400,
        code: "bad_context",
      });
    }
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
    const result = verifySureSendRequest(query(signed.context, signed.signature, true), config, now);
    expect(result.context.company?.addresses[0]?.city).toBe("San Francisco");
    expect(result.context.company?.annualRevenue).toBeUndefined();
  });

  it("checks freshness at the boundaries, with 403 stale_context", () => {
    const at = (secondsAgo: number) => {
      const signed = signSureSendContext(
        personContext({ timestamp: new Date(now.getTime() - secondsAgo * 1000).toISOString() }),
        current,
      );
      return () => verifySureSendRequest(query(signed.context, signed.signature), config, now);
    };
    expect(at(300)().keySlot).toBe("current");
    expect(rejection(at(301))).toEqual({ status: 403, code: "stale_context" });
    expect(at(-60)().keySlot).toBe("current");
    expect(rejection(at(-61))).toEqual({ status: 403, code: "stale_context" });
  });

  it("checks the signature before the timestamp: a stale forgery is a bad signature", () => {
    const old = signSureSendContext(personContext({ timestamp: "2020-01-01T00:00:00Z" }), "b".repeat(64));
    expect(rejection(() => verifySureSendRequest(query(old.context, old.signature), config, now)).code).toBe(
      "bad_signature",
    );
  });

  it("accepts timestamps with an offset", () => {
    const signed = signSureSendContext(personContext({ timestamp: "2026-12-01T13:59:00+02:00" }), current);
    expect(verifySureSendRequest(query(signed.context, signed.signature), config, now).keySlot).toBe("current");
  });
});
