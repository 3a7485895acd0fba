// The search route with real Requests against the test database: what SocialSignIn
// gets for good requests and for every refusal.
import { beforeAll, describe, expect, it } from "vitest";
import { createContact } from "@/lib/db/contacts";
import { db } from "@/lib/db/client";
import { findKeyUse } from "@/lib/db/verification-log";
import { parseQueryPairs, phpCanonicalQuery } from "@/lib/signing/php-query";
import { hmacSha256Hex } from "@/lib/signing/hmac";
import { signSocialSignInQuery } from "@/lib/integrations/socialsignin/sign";
import { testSecrets } from "@/tests/support/test-config";
import { GET } from "./route";
import { flushDeferredWrites } from "@/lib/db/deferred-writes";

const secret = testSecrets.SOCIALSIGNIN_SECRET;
const later = () => String(Math.floor(Date.now() / 1000) + 300);

function get(query: string): Promise<Response> {
  return GET(
    new Request(`http://localhost/api/socialsignin/search?${query}`, { headers: { accept: "application/json" } }),
  );
}

const signed = (q: string, key: string = secret) =>
  signSocialSignInQuery(
    [
      ["q", q],
      ["expires", later()],
    ],
    key,
  );

// Contact data that must never appear in an error body.
const seeded = ["Susan Zqroute", "Frank Zqrouteford", "susan@zqroute.example", "4915112345678"];

beforeAll(async () => {
  await createContact({
    kind: "person",
    firstName: "Susan",
    lastName: "Zqroute",
    emails: [{ email: "susan@zqroute.example" }],
    phones: [{ phone: "+49 151 12345678" }],
  });
  await createContact({ kind: "person", firstName: "Frank", lastName: "Zqrouteford" });
  await createContact({ kind: "company", name: "Zqroute" });
});

const resultsOf = async (response: Response) =>
  ((await response.json()) as { results: { id: string; name: string }[] }).results;

/** What the log keeps of a query: its parameters but `sig`, as the host would have signed them. */
const canonicalOf = (query: string) => phpCanonicalQuery(parseQueryPairs(query).filter((p) => p.key !== "sig"));

/**
 * Sends `query`, checks the JSON refusal, and returns the log's records of this very
 * query (found by its signed text, not as "the recorded row": other files log too).
 */
async function expectError(query: string, status: number, code: string, canonical = canonicalOf(query)) {
  const response = await get(query);
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  expect(response.headers.get("cache-control")).toBe("no-store");
  expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  const text = await response.text();
  const body = JSON.parse(text) as { error: { code: string; message: string } };
  expect(Object.keys(body)).toEqual(["error"]);
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(0);
  for (const value of [...seeded, secret, testSecrets.SOCIALSIGNIN_SECRET_PREVIOUS]) expect(text).not.toContain(value);
  await flushDeferredWrites();
  const recorded = await db().verificationFailure.findMany({
    where: { integration: "socialsignin", canonical, reason: code },
    select: { reason: true, canonical: true },
  });
  expect(recorded.length, `${code} recorded`).toBeGreaterThan(0);
  return { body, recorded: recorded[0] };
}

describe("GET /api/socialsignin/search", () => {
  it("answers the ranked results as JSON, with no-store and nosniff", async () => {
    const response = await get(signed("zqroute"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    const body = (await response.json()) as { results: { id: string; name: string }[] };
    expect(body.results.map((r) => r.name)).toEqual(["Zqroute", "Frank Zqrouteford", "Susan Zqroute"]);
    for (const r of body.results) expect(Object.keys(r).sort()).toEqual(["id", "name"]);
  });

  it("finds by email and by phone digits", async () => {
    expect(await resultsOf(await get(signed("susan@zqroute")))).toHaveLength(1);
    expect((await resultsOf(await get(signed("+49 151 1234")))).map((r) => r.name)).toEqual(["Susan Zqroute"]);
  });

  it("answers an empty q with no results", async () => {
    const response = await get(signed(""));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ results: [] });
  });

  it("verifies q=red%20fox and q=red+fox alike", async () => {
    const expires = later();
    const sig = hmacSha256Hex(secret, `q=susan+zqroute&expires=${expires}`);
    for (const q of ["susan%20zqroute", "susan+zqroute", "SUSAN%20ZQROUTE".toLowerCase()]) {
      const response = await get(`q=${q}&expires=${expires}&sig=${sig}`);
      expect(response.status).toBe(200);
      expect((await resultsOf(response)).map((r) => r.name)).toEqual(["Susan Zqroute"]);
    }
  });

  it("accepts the previous secret during rotation and records which key verified", async () => {
    const response = await get(signed("zqroute", testSecrets.SOCIALSIGNIN_SECRET_PREVIOUS));
    expect(response.status).toBe(200);
    await flushDeferredWrites();
    expect((await findKeyUse("socialsignin"))?.keySlot).toBe("previous");
    expect((await get(signed("zqroute"))).status).toBe(200);
    await flushDeferredWrites();
    expect((await findKeyUse("socialsignin"))?.keySlot).toBe("current");
  });

  it("ignores unsigned message_* parameters", async () => {
    const response = await get(`${signed("zqroute")}&message_network=twitter&message_id=12`);
    expect(response.status).toBe(200);
    expect(await resultsOf(response)).toHaveLength(3);
  });
});

describe("GET /api/socialsignin/search refusals (JSON, no contact data, logged)", () => {
  it("400 missing_signature: no sig", async () => {
    const { recorded } = await expectError(`q=zqroute&expires=${later()}`, 400, "missing_signature");
    expect(recorded).toMatchObject({
      reason: "missing_signature",
      canonical: expect.stringMatching(/^q=zqroute&expires=\d+$/) as string,
    });
  });

  it("400 missing_signature: expires missing or not all digits", async () => {
    await expectError(signSocialSignInQuery([["q", "zqroute"]], secret), 400, "missing_signature");
    await expectError(
      signSocialSignInQuery(
        [
          ["q", "zqroute"],
          ["expires", "soon"],
        ],
        secret,
      ),
      400,
      "missing_signature",
    );
  });

  it("403 bad_signature, logged with the canonical string and without the signature", async () => {
    const query = signed("zqroute").replace("q=zqroute", "q=zqroutf");
    const { recorded } = await expectError(query, 403, "bad_signature");
    expect(recorded?.reason).toBe("bad_signature");
    expect(recorded?.canonical).toMatch(/^q=zqroutf&expires=\d+$/);
    expect(recorded?.canonical).not.toContain(query.slice(query.indexOf("sig=") + 4));
  });

  it("403 bad_signature: an unknown secret", async () => {
    await expectError(signed("zqroute", "an-unknown-secret"), 403, "bad_signature");
  });

  it("403 expired", async () => {
    const past = String(Math.floor(Date.now() / 1000) - 1);
    const { recorded } = await expectError(
      signSocialSignInQuery(
        [
          ["q", "zqroute"],
          ["expires", past],
        ],
        secret,
      ),
      403,
      "expired",
    );
    expect(recorded?.reason).toBe("expired");
  });

  it("400 missing_parameter: no q", async () => {
    await expectError(signSocialSignInQuery([["expires", later()]], secret), 400, "missing_parameter");
  });

  it("400 duplicate_parameter: q twice", async () => {
    await expectError(
      signSocialSignInQuery(
        [
          ["q", "zqroute"],
          ["q", "susan"],
          ["expires", later()],
        ],
        secret,
      ),
      400,
      "duplicate_parameter",
    );
  });

  it("414 uri_too_long: a query over 16 KiB", async () => {
    const query = signed("z".repeat(17_000));
    await expectError(query, 414, "uri_too_long", `(query of ${query.length} bytes)`);
  });

  it("400 bad_request: a signed search term over 256 characters", async () => {
    const response = await get(signed("z".repeat(257)));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("bad_request");
  });
});
