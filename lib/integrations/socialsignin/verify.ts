// SocialSignIn's request signature, checked as its PHP reference implementation does:
// the query parameters in the order received, without `sig`, re-encoded with PHP's
// http_build_query, HMAC-SHA256 keyed by the shared secret. Pure: no clock, no
// configuration, no I/O — the caller passes them in (see request.ts).
import "server-only";
import { duplicateIn, queryTooLong } from "@/lib/http/query";
import { verifyHexSignature } from "@/lib/signing/hmac";
import { type HostQuery, type Verdict, refusal, refusalFrom } from "@/lib/signing/verdict";
import { type QueryPair, parseQueryPairs, phpCanonicalQuery } from "@/lib/signing/php-query";

/** The parameter each endpoint needs: `q` for search, `id` for the iframe. */
export type RequiredParameter = "q" | "id";

export type SocialSignInQuery = HostQuery & { required: RequiredParameter };

export type SocialSignInVerdict = Verdict<{
  /** the value of the required parameter (`q` or `id`) */
  value: string;
  /** the signed parameters except `sig`; `message_*` ones are never included */
  params: ReadonlyMap<string, string>;
  expires: number;
}>;

const isUnsignedMessageParam = (p: QueryPair) => p.key.startsWith("message_");

export function verifySocialSignInQuery({ rawQuery, required, ring, now }: SocialSignInQuery): SocialSignInVerdict {
  // Not parsed at all: the log gets the size, not 16 KiB of whatever was sent.
  const tooLong = queryTooLong(rawQuery);
  if (tooLong) return refusalFrom(tooLong, `(query of ${Buffer.byteLength(rawQuery, "utf8")} bytes)`);

  const pairs = parseQueryPairs(rawQuery);
  const unsigned = pairs.filter((p) => p.key !== "sig");
  const canonical = phpCanonicalQuery(unsigned);

  const duplicate = duplicateIn(["sig", "expires", required], (name) => pairs.filter((p) => p.key === name).length);
  if (duplicate) return refusalFrom(duplicate, canonical);

  const sig = pairs.find((p) => p.key === "sig")?.value;
  const expires = pairs.find((p) => p.key === "expires")?.value;
  if (sig === undefined || expires === undefined || !/^\d+$/.test(expires)) {
    return refusal(
      "missing_signature",
      400,
      "The request is not signed: it needs a sig and an expires parameter (Unix seconds).",
      canonical,
    );
  }

  // SocialSignIn may append unsigned message_* parameters to the iframe URL: when the
  // signature does not cover everything, try again without them.
  let signed = unsigned;
  let signedCanonical = canonical;
  let keySlot = verifyHexSignature(canonical, sig, ring);
  if (keySlot === null && unsigned.some(isUnsignedMessageParam)) {
    signed = unsigned.filter((p) => !isUnsignedMessageParam(p));
    signedCanonical = phpCanonicalQuery(signed);
    keySlot = verifyHexSignature(signedCanonical, sig, ring);
  }
  if (keySlot === null) {
    return refusal("bad_signature", 403, "The signature does not match the request.", canonical);
  }

  // Checked after the signature, so an unsigned request learns nothing about expiry.
  if (Number(expires) < now) {
    return refusal("expired", 403, "The link has expired: reload it from SocialSignIn.", signedCanonical);
  }

  const params = new Map(signed.filter((p) => !isUnsignedMessageParam(p)).map((p) => [p.key, p.value]));
  const value = params.get(required);
  if (value === undefined) {
    return refusal("missing_parameter", 400, `The parameter "${required}" is missing.`, signedCanonical);
  }
  return { ok: true, value, params, expires: Number(expires), keySlot, canonical: signedCanonical };
}
