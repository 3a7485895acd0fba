import { describe, expect, it } from "vitest";
import type { KeyRing } from "@/lib/env";
import { hmacSha256Hex } from "@/lib/signing/hmac";
import { signSocialSignInQuery } from "./sign";
import { maxQueryBytes } from "@/lib/http/query";
import { verifySocialSignInQuery, type RequiredParameter } from "./verify";

const current = "current-secret-for-tests";
const previous = "previous-secret-for-tests";
const ring: KeyRing = [
  { slot: "current", secret: current },
  { slot: "previous", secret: previous },
];
const now = 1_700_000_000;
const later = String(now + 60);

function verify(rawQuery: string, required: RequiredParameter = "q", at = now) {
  return verifySocialSignInQuery({ rawQuery, required, ring, now: at });
}

function expectRejected(rawQuery: string, code: string, status: number, required: RequiredParameter = "q") {
  const result = verify(rawQuery, required);
  if (result.ok) throw new Error(`expected ${code}, but it verified`);
  expect([result.code, result.status]).toEqual([code, status]);
  expect(result.canonical).not.toMatch(/sig=/);
  return result;
}

describe("verifySocialSignInQuery: good requests", () => {
  it("verifies the seed's example shape with the current key", () => {
    const result = verify(
      signSocialSignInQuery(
        [
          ["q", "red"],
          ["expires", later],
        ],
        current,
      ),
    );
    expect(result).toMatchObject({ ok: true, value: "red", keySlot: "current", canonical: `q=red&expires=${later}` });
  });

  it("verifies the seed's published example: secret 'changeme!', q=red, expires=1500472622", () => {
    const raw = "q=red&expires=1500472622&sig=7c9a0a55dc2d1542ec736b8021f048da114fcba11ca1fb0219c122dfd789e48c";
    const seedRing: KeyRing = [{ slot: "current", secret: "changeme!" }];
    expect(verifySocialSignInQuery({ rawQuery: raw, required: "q", ring: seedRing, now: 1500472622 }).ok).toBe(true);
    expect(verifySocialSignInQuery({ rawQuery: raw, required: "q", ring: seedRing, now: 1500472623 })).toMatchObject({
      ok: false,
      code: "expired",
    });
  });

  it("accepts the previous key during rotation and says so", () => {
    const result = verify(
      signSocialSignInQuery(
        [
          ["q", "red"],
          ["expires", later],
        ],
        previous,
      ),
    );
    expect(result).toMatchObject({ ok: true, keySlot: "previous" });
  });

  it("verifies q=red%20fox and q=red+fox alike: the signature covers the re-encoded string", () => {
    const sig = hmacSha256Hex(current, `q=red+fox&expires=${later}`);
    for (const q of ["red%20fox", "red+fox", "red fox", "%72ed+f%6Fx"]) {
      const result = verify(`q=${q}&expires=${later}&sig=${sig}`);
      expect(result).toMatchObject({ ok: true, value: "red fox", canonical: `q=red+fox&expires=${later}` });
    }
  });

  it("accepts an upper-case hex signature", () => {
    const raw = signSocialSignInQuery(
      [
        ["q", "red"],
        ["expires", later],
      ],
      current,
    ).replace(/sig=(.*)$/, (_, s: string) => `sig=${s.toUpperCase()}`);
    expect(raw).toMatch(/sig=[0-9A-F]{64}$/);
    expect(verify(raw).ok).toBe(true);
  });

  it("takes sig from anywhere in the query and keeps the other parameters in order", () => {
    const sig = hmacSha256Hex(current, `expires=${later}&q=%C3%A9t%C3%A9&extra=1`);
    const result = verify(`sig=${sig}&expires=${later}&q=%C3%A9t%C3%A9&extra=1`);
    expect(result.ok && [...result.params]).toEqual([
      ["expires", later],
      ["q", "été"],
      ["extra", "1"],
    ]);
  });

  it("accepts an expiry equal to now, and an empty q", () => {
    expect(
      verify(
        signSocialSignInQuery(
          [
            ["q", ""],
            ["expires", String(now)],
          ],
          current,
        ),
      ),
    ).toMatchObject({ ok: true, value: "" });
  });

  it("verifies the iframe's id", () => {
    const result = verify(
      signSocialSignInQuery(
        [
          ["id", "cm123"],
          ["expires", later],
        ],
        current,
      ),
      "id",
    );
    expect(result).toMatchObject({ ok: true, value: "cm123", expires: now + 60 });
  });
});

describe("verifySocialSignInQuery: unsigned message_* parameters", () => {
  const signed = signSocialSignInQuery(
    [
      ["id", "cm123"],
      ["expires", later],
    ],
    current,
  );
  const messages =
    "message_network=twitter&message_id=99&message_sentiment=positive&message_url=https%3A%2F%2Fx.example%2F1";

  it("verifies again without message_* parameters appended by SocialSignIn", () => {
    const result = verify(`${signed}&${messages}`, "id");
    expect(result).toMatchObject({ ok: true, value: "cm123", canonical: `id=cm123&expires=${later}` });
    expect(result.ok && [...result.params.keys()]).toEqual(["id", "expires"]);
  });

  it("wherever they are placed", () => {
    const [id, rest] = [signed.slice(0, signed.indexOf("&")), signed.slice(signed.indexOf("&") + 1)];
    expect(verify(`message_language=en&${id}&message_id=1&${rest}`, "id").ok).toBe(true);
  });

  it("never returns them, even when the host signed them", () => {
    const result = verify(
      signSocialSignInQuery(
        [
          ["id", "cm1"],
          ["message_id", "7"],
          ["expires", later],
        ],
        current,
      ),
      "id",
    );
    expect(result).toMatchObject({ ok: true, canonical: `id=cm1&message_id=7&expires=${later}` });
    expect(result.ok && result.params.has("message_id")).toBe(false);
  });

  it("do not rescue a tampered signed parameter", () => {
    expectRejected(`${signed.replace("id=cm123", "id=cm124")}&${messages}`, "bad_signature", 403, "id");
  });

  it("cannot stand in for the required parameter", () => {
    const raw = `${signSocialSignInQuery([["expires", later]], current)}&message_id=cm123`;
    expectRejected(raw, "missing_parameter", 400, "id");
  });
});

describe("verifySocialSignInQuery: rejections", () => {
  const good = signSocialSignInQuery(
    [
      ["q", "red"],
      ["expires", later],
    ],
    current,
  );

  it("sig missing → 400 missing_signature", () => {
    expectRejected(`q=red&expires=${later}`, "missing_signature", 400);
  });

  it("expires missing, empty or not all digits → 400 missing_signature", () => {
    for (const expires of [null, "", "12a", "-5", "1.5", " 12", "1e9", "0x10"]) {
      const params: [string, string][] =
        expires === null
          ? [["q", "red"]]
          : [
              ["q", "red"],
              ["expires", expires],
            ];
      expectRejected(signSocialSignInQuery(params, current), "missing_signature", 400);
    }
  });

  it("a signature that does not match → 403 bad_signature, with the canonical string logged", () => {
    const result = expectRejected(good.replace("q=red", "q=blue"), "bad_signature", 403);
    expect(result.canonical).toBe(`q=blue&expires=${later}`);
  });

  it("malformed signatures → 403 bad_signature", () => {
    for (const sig of [
      "",
      "abc",
      "z".repeat(64),
      hmacSha256Hex(current, "x").slice(1),
      `${hmacSha256Hex(current, "x")}0`,
    ]) {
      expectRejected(`q=red&expires=${later}&sig=${sig}`, "bad_signature", 403);
    }
  });

  it("an unknown key → 403 bad_signature", () => {
    expectRejected(
      signSocialSignInQuery(
        [
          ["q", "red"],
          ["expires", later],
        ],
        "some-other-secret",
      ),
      "bad_signature",
      403,
    );
  });

  it("parameters in another order than signed → 403 bad_signature", () => {
    const sig = good.slice(good.indexOf("sig="));
    expectRejected(`expires=${later}&q=red&${sig}`, "bad_signature", 403);
  });

  it("an added signed-looking parameter → 403 bad_signature", () => {
    expectRejected(`${good}&extra=1`, "bad_signature", 403);
  });

  it("expired → 403 expired, checked after the signature", () => {
    const past = signSocialSignInQuery(
      [
        ["q", "red"],
        ["expires", String(now - 1)],
      ],
      current,
    );
    expectRejected(past, "expired", 403);
    expectRejected(past.replace("q=red", "q=blue"), "bad_signature", 403);
  });

  it("q or id missing from a signed request → 400 missing_parameter", () => {
    expectRejected(signSocialSignInQuery([["expires", later]], current), "missing_parameter", 400);
    expectRejected(
      signSocialSignInQuery(
        [
          ["q", "red"],
          ["expires", later],
        ],
        current,
      ),
      "missing_parameter",
      400,
      "id",
    );
  });

  it("a parameter that must appear once appearing twice → 400 duplicate_parameter", () => {
    const sig = good.slice(good.indexOf("sig="));
    expectRejected(`${good}&q=blue`, "duplicate_parameter", 400);
    expectRejected(`q=red&expires=${later}&expires=${later}&${sig}`, "duplicate_parameter", 400);
    expectRejected(`${good}&${sig}`, "duplicate_parameter", 400);
    const iframe = signSocialSignInQuery(
      [
        ["id", "a"],
        ["id", "b"],
        ["expires", later],
      ],
      current,
    );
    expectRejected(iframe, "duplicate_parameter", 400, "id");
  });

  it("a query longer than 16 KiB → 414 uri_too_long; exactly 16 KiB is read", () => {
    const fill = (bytes: number) => {
      const base = signSocialSignInQuery(
        [
          ["q", ""],
          ["expires", later],
        ],
        current,
      ).length;
      return signSocialSignInQuery(
        [
          ["q", "a".repeat(bytes - base)],
          ["expires", later],
        ],
        current,
      );
    };
    expect(fill(maxQueryBytes)).toHaveLength(maxQueryBytes);
    expect(verify(fill(maxQueryBytes)).ok).toBe(true);
    const result = expectRejected(fill(maxQueryBytes + 1), "uri_too_long", 414);
    expect(result.canonical).toBe(`(query of ${maxQueryBytes + 1} bytes)`);
  });

  it("never throws, whatever the query, and refuses what it cannot read", () => {
    for (const raw of ["%", "sig=%zz&expires=%", "&&&==&", "sig&expires&q", "q=%00&expires=1&sig=%00", "q=\u{1F600}"]) {
      expect(() => verify(raw)).not.toThrow();
      expect(verify(raw).ok).toBe(false);
    }
  });

  it("never echoes the provided or expected signature in a message or the canonical string", () => {
    const expected = hmacSha256Hex(current, `q=blue&expires=${later}`);
    const result = verify(good.replace("q=red", "q=blue"));
    const text = JSON.stringify(result);
    expect(text).not.toContain(expected);
    expect(text).not.toContain(good.slice(good.indexOf("sig=") + 4));
  });
});
