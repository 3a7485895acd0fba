// SocialSignIn's request signature, checked as its PHP reference implementation does:
// the query parameters in the order received, without `sig`, re-encoded with PHP's
// http_build_query, HMAC-SHA256 keyed by the shared secret. Pure: no clock, no
// configuration, no I/O — the caller passes them in (see request.ts).
import "server-only";
import type { KeyRing, KeySlot } from "@/lib/env";
import { AppError } from "@/lib/http/errors";
import { maxQueryBytes } from "@/lib/http/query";
import { verifyHexSignature } from "@/lib/signing/hmac";
import { type QueryPair, parseQueryPairs, phpCanonicalQuery } from "@/lib/signing/php-query";

/** The parameter each endpoint needs: `q` for search, `id` for the iframe. */
export type RequiredParameter = "q" | "id";

export type VerifyInput = {
  /** the request's query exactly as received: the part after `?`, without it */
  rawQuery: string;
  required: RequiredParameter;
  ring: KeyRing;
  /** the current time in Unix seconds */
  now: number;
};

export type Verified = {
  ok: true;
  /** the value of the required parameter (`q` or `id`) */
  value: string;
  /** the signed parameters except `sig`; `message_*` ones are never included */
  params: ReadonlyMap<string, string>;
  expires: number;
  keySlot: KeySlot;
  /** the string whose signature verified */
  canonical: string;
};

export type Rejected = {
  ok: false;
  error: AppError;
  /** what was (or would have been) signed, for the verification log; never a signature */
  canonical: string;
};

const isUnsignedMessageParam = (p: QueryPair) => p.key.startsWith("message_");

function reject(code: AppError["code"], status: number, message: string, canonical: string): Rejected {
  return { ok: false, error: new AppError(code, status, message), canonical };
}

export function verifySocialSignInQuery({ rawQuery, required, ring, now }: VerifyInput): Verified | Rejected {
  const size = Buffer.byteLength(rawQuery, "utf8");
  if (size > maxQueryBytes) {
    return reject(
      "uri_too_long",
      414,
      `The query string is longer than ${maxQueryBytes} bytes.`,
      `(query of ${size} bytes)`,
    );
  }

  const pairs = parseQueryPairs(rawQuery);
  const unsigned = pairs.filter((p) => p.key !== "sig");
  const canonical = phpCanonicalQuery(unsigned);

  for (const name of ["sig", "expires", required]) {
    if (pairs.filter((p) => p.key === name).length > 1) {
      return reject("duplicate_parameter", 400, `The parameter "${name}" appears more than once.`, canonical);
    }
  }

  const sig = pairs.find((p) => p.key === "sig")?.value;
  const expires = pairs.find((p) => p.key === "expires")?.value;
  if (sig === undefined || expires === undefined || !/^\d+$/.test(expires)) {
    return reject(
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
    return reject("bad_signature", 403, "The signature does not match the request.", canonical);
  }

  // Checked after the signature, so an unsigned request learns nothing about expiry.
  if (Number(expires) < now) {
    return reject("expired", 403, "The link has expired: reload it from SocialSignIn.", signedCanonical);
  }

  const params = new Map(signed.filter((p) => !isUnsignedMessageParam(p)).map((p) => [p.key, p.value]));
  const value = params.get(required);
  if (value === undefined) {
    return reject("missing_parameter", 400, `The parameter "${required}" is missing.`, signedCanonical);
  }
  return { ok: true, value, params, expires: Number(expires), keySlot, canonical: signedCanonical };
}
