// The iframe route's front door against the real test database: every outcome carries
// the iframe's security headers; refusals carry no contact data.
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { testSecrets } from "@/tests/support/test-config";
import { listVerificationFailures } from "@/lib/db/verification-log";
import { gateSocialSignInIframe } from "./iframe-gate";
import { signSocialSignInQuery } from "./sign";
import { flushDeferredWrites } from "@/lib/db/deferred-writes";
import { createContact } from "@/lib/db/contacts";

const expires = (offset = 300) => String(Math.floor(Date.now() / 1000) + offset);
const request = (query: string) => new NextRequest(`http://localhost/socialsignin/iframe?${query}`);

function expectHeaders(response: Response) {
  expect(response.headers.get("content-security-policy")).toContain("frame-ancestors https://app.socialsignin.net");
  expect(response.headers.get("cache-control")).toBe("no-store");
  expect(response.headers.get("referrer-policy")).toBe("no-referrer");
  expect(response.headers.get("x-content-type-options")).toBe("nosniff");
}

describe("SocialSignIn iframe gate", () => {
  it("lets a signed request for a contact through with a script nonce and the raw query for the page", async () => {
    const { id } = await createContact({ kind: "person", firstName: "Gate", lastName: "Passer" });
    const query = signSocialSignInQuery(
      [
        ["id", id],
        ["expires", expires()],
      ],
      testSecrets.SOCIALSIGNIN_SECRET,
    );
    const response = await gateSocialSignInIframe(request(`${query}&message_network=twitter`));
    expect(response.headers.get("x-middleware-next")).toBe("1");
    expect(response.headers.get("x-middleware-request-x-crm-bridge-raw-query")).toBe(
      `${query}&message_network=twitter`,
    );
    expectHeaders(response);
  });

  it("answers refusals itself with status, code, headers, and records them", async () => {
    const cases: [string, number, string][] = [
      [`id=abc&expires=${expires()}`, 400, "missing_signature"],
      [
        signSocialSignInQuery(
          [
            ["id", "abc"],
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
            ["id", "abc"],
            ["expires", expires(-5)],
          ],
          testSecrets.SOCIALSIGNIN_SECRET,
        ),
        403,
        "expired",
      ],
      [signSocialSignInQuery([["expires", expires()]], testSecrets.SOCIALSIGNIN_SECRET), 400, "missing_parameter"],
    ];
    for (const [query, status, code] of cases) {
      const response = await gateSocialSignInIframe(request(query));
      expect(response.status, code).toBe(status);
      expectHeaders(response);
      expect(await response.text()).toContain(`<main data-error-code="${code}">`);
      await flushDeferredWrites();
      expect((await listVerificationFailures("socialsignin", 1))[0]?.reason).toBe(code);
    }
  });

  it("answers an unknown id with a 404 page before the page renders (it needs no JavaScript)", async () => {
    const query = signSocialSignInQuery(
      [
        ["id", "no-such-contact"],
        ["expires", expires()],
      ],
      testSecrets.SOCIALSIGNIN_SECRET,
    );
    const response = await gateSocialSignInIframe(request(query));
    expect(response.status).toBe(404);
    expectHeaders(response);
    const html = await response.text();
    expect(html).toContain('<main data-error-code="not_found">');
    expect(html).toContain("CRM Bridge has no contact with this id.");
  });
});
