// SocialSignIn's search API against the production server (next start), as the host
// calls it: signed URLs, the raw query exactly as sent, demo data seeded by e2e/server.ts.
import { expect, test } from "@playwright/test";
import { hmacSha256Hex } from "@/lib/signing/hmac";
import { signSocialSignInQuery } from "@/lib/integrations/socialsignin/sign";
import { testSecrets } from "@/tests/support/test-config";

const secret = testSecrets.SOCIALSIGNIN_SECRET;
const expires = () => String(Math.floor(Date.now() / 1000) + 300);
const search = (query: string) => `/api/socialsignin/search?${query}`;

test("a signed search answers ranked JSON results with no-store and nosniff", async ({ request }) => {
  const response = await request.get(
    search(
      signSocialSignInQuery(
        [
          ["q", "Álvarez"],
          ["expires", expires()],
        ],
        secret,
      ),
    ),
  );
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toMatch(/^application\/json/);
  expect(response.headers()["cache-control"]).toBe("no-store");
  expect(response.headers()["x-content-type-options"]).toBe("nosniff");
  const { results } = (await response.json()) as { results: { id: string; name: string }[] };
  expect(results.length).toBeGreaterThan(0);
  expect(results.length).toBeLessThanOrEqual(20);
  expect(results.every((r) => /álvarez/i.test(r.name))).toBe(true);
  expect(results.map((r) => r.name)).toContain("Chen Álvarez");
});

test("the signature covers the re-encoded query: %20, + and unsigned message_* all verify", async ({ request }) => {
  const exp = expires();
  const sig = hmacSha256Hex(secret, `q=chen+%C3%A1lvarez&expires=${exp}`);
  for (const q of ["chen%20%C3%A1lvarez", "chen+%C3%A1lvarez", "chen+%c3%a1lvarez"]) {
    const response = await request.get(search(`q=${q}&expires=${exp}&sig=${sig}&message_network=twitter&message_id=1`));
    expect(response.status(), q).toBe(200);
    expect(((await response.json()) as { results: { name: string }[] }).results[0]?.name).toBe("Chen Álvarez");
  }
});

test("refusals are JSON errors with stable codes", async ({ request }) => {
  const good = signSocialSignInQuery(
    [
      ["q", "chen"],
      ["expires", expires()],
    ],
    secret,
  );
  const past = signSocialSignInQuery(
    [
      ["q", "chen"],
      ["expires", String(Math.floor(Date.now() / 1000) - 10)],
    ],
    secret,
  );
  const cases: [string, number, string][] = [
    [`q=chen&expires=${expires()}`, 400, "missing_signature"],
    [good.replace("q=chen", "q=jane"), 403, "bad_signature"],
    [past, 403, "expired"],
    [signSocialSignInQuery([["expires", expires()]], secret), 400, "missing_parameter"],
    [`${good}&q=jane`, 400, "duplicate_parameter"],
  ];
  for (const [query, status, code] of cases) {
    const response = await request.get(search(query));
    expect(response.status(), code).toBe(status);
    expect(response.headers()["cache-control"]).toBe("no-store");
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ error: { code, message: expect.any(String) } });
    expect(text).not.toMatch(/Chen|Álvarez|example\.com/);
  }
});

test("a query over 16 KiB is refused (414 from the route, or 431 from the server itself)", async ({ request }) => {
  const response = await request.get(
    search(
      signSocialSignInQuery(
        [
          ["q", "x".repeat(17_000)],
          ["expires", expires()],
        ],
        secret,
      ),
    ),
  );
  expect([414, 431]).toContain(response.status());
});
