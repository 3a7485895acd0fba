// The iframe route's front door against a real database: every outcome carries the
// iframe's security headers; refusals carry no contact data and are recorded. The file
// reads and logs to a database of its own, and each request has its own id, so every
// refusal is found again by its exact signed text, never as "the latest row".
import { errorPageStyleSource } from "@/lib/http/html";
import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { testSecrets } from "@/tests/support/test-config";
import { useOwnDatabase } from "@/tests/support/own-database";
import { createContact } from "@/lib/db/contacts";
import { flushDeferredWrites } from "@/lib/db/deferred-writes";
import { findKeyUse } from "@/lib/db/verification-log";
import { phpCanonicalQuery, parseQueryPairs } from "@/lib/signing/php-query";
import { gateSocialSignInIframe } from "./iframe-gate";
import { signSocialSignInQuery } from "./sign";

const own = useOwnDatabase();
const secret = testSecrets.SOCIALSIGNIN_SECRET;
const expires = (offset = 300) => String(Math.floor(Date.now() / 1000) + offset);
const gate = (query: string) =>
  gateSocialSignInIframe(new NextRequest(`http://localhost/socialsignin/iframe?${query}`), own.client);

/** What the log keeps of a query: its parameters but `sig`, as the host would have signed them. */
const canonicalOf = (query: string) => phpCanonicalQuery(parseQueryPairs(query).filter((p) => p.key !== "sig"));

function expectHeaders(response: Response) {
  expect(response.headers.get("content-security-policy")).toContain("frame-ancestors https://app.socialsignin.net");
  expect(response.headers.get("cache-control")).toBe("no-store");
  expect(response.headers.get("referrer-policy")).toBe("no-referrer");
  expect(response.headers.get("x-content-type-options")).toBe("nosniff");
}

describe("SocialSignIn iframe gate", () => {
  it("lets a signed request for a contact through with a script nonce and the raw query for the page", async () => {
    const { id } = await createContact({ kind: "person", firstName: "Gate", lastName: "Passer" }, own.client);
    const query = signSocialSignInQuery(
      [
        ["id", id],
        ["expires", expires()],
      ],
      testSecrets.SOCIALSIGNIN_SECRET_PREVIOUS,
    );
    const response = await gate(`${query}&message_network=twitter`);
    expect(response.headers.get("x-middleware-next")).toBe("1");
    expect(response.headers.get("x-middleware-request-x-crm-bridge-raw-query")).toBe(
      `${query}&message_network=twitter`,
    );
    expectHeaders(response);
    // The page may refuse with the error card and its inline style (components/contact/view-error.tsx).
    expect(response.headers.get("content-security-policy")).toContain(`style-src 'self' ${errorPageStyleSource}`);
    await flushDeferredWrites();
    expect((await findKeyUse("socialsignin", own.client))?.keySlot).toBe("previous");
  });

  it("answers refusals itself with status, code, headers, and records each one", async () => {
    const id = () => `abc-${randomUUID()}`;
    const cases: [string, number, string][] = [
      [`id=${id()}&expires=${expires()}`, 400, "missing_signature"],
      [
        signSocialSignInQuery(
          [
            ["id", id()],
            ["expires", expires()],
          ],
          "not-the-secret",
        ),
        403,
        "bad_signature",
      ],
      [
        signSocialSignInQuery(
          [
            ["id", id()],
            ["expires", expires(-5)],
          ],
          secret,
        ),
        403,
        "expired",
      ],
      [
        signSocialSignInQuery(
          [
            ["expires", expires()],
            ["ref", id()],
          ],
          secret,
        ),
        400,
        "missing_parameter",
      ],
      [`id=${id()}&id=b&expires=${expires()}&sig=00`, 400, "duplicate_parameter"],
    ];
    for (const [query, status, code] of cases) {
      const response = await gate(query);
      expect(response.status, code).toBe(status);
      expectHeaders(response);
      expect(await response.text()).toContain(`<main data-error-code="${code}">`);
      await flushDeferredWrites();
      const recorded = await own.client.verificationFailure.findMany({
        where: { integration: "socialsignin", canonical: canonicalOf(query) },
      });
      expect(
        recorded.map((r) => r.reason),
        code,
      ).toEqual([code]);
    }
  });

  it("answers an unknown id with a 404 page before the page renders (it needs no JavaScript)", async () => {
    const query = signSocialSignInQuery(
      [
        ["id", `no-such-contact-${randomUUID()}`],
        ["expires", expires()],
      ],
      secret,
    );
    const response = await gate(query);
    expect(response.status).toBe(404);
    expectHeaders(response);
    const html = await response.text();
    expect(html).toContain('<main data-error-code="not_found">');
    expect(html).toContain("CRM Bridge has no contact with this id.");
    // Not a refusal of the host's request: nothing is recorded against it.
    await flushDeferredWrites();
    expect(await own.client.verificationFailure.count({ where: { canonical: canonicalOf(query) } })).toBe(0);
  });
});
