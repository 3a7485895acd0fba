// HMAC-SHA256 and constant-time comparison: the one implementation every host
// platform's verifier and every signed outgoing request uses.
import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import type { KeyRing, KeySlot } from "@/lib/env";

/** Lower-case hex HMAC-SHA256 of a UTF-8 message, keyed by the UTF-8 bytes of a string key. */
export function hmacSha256Hex(key: string, message: string): string {
  return createHmac("sha256", key).update(message, "utf8").digest("hex");
}

const hex64 = /^[0-9a-f]{64}$/i;

/**
 * True when `provided` is the hex of `expectedHex`, case-insensitively, compared in
 * constant time. A malformed value (wrong length, not hex) is simply unequal.
 */
export function hexDigestEquals(provided: string, expectedHex: string): boolean {
  if (!hex64.test(provided)) return false;
  return timingSafeEqual(Buffer.from(provided.toLowerCase(), "latin1"), Buffer.from(expectedHex, "latin1"));
}

/** Constant-time equality of two strings of any length (lengths may leak, contents do not). */
export function constantTimeEquals(a: string, b: string): boolean {
  const left = Buffer.from(a, "utf8");
  const right = Buffer.from(b, "utf8");
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Which key of the ring signed `message` with hex signature `provided`, or null.
 * Every key is tried, so the time taken does not tell which one matched.
 */
export function verifyHexSignature(message: string, provided: string, ring: KeyRing): KeySlot | null {
  let match: KeySlot | null = null;
  for (const { slot, secret } of ring) {
    if (hexDigestEquals(provided, hmacSha256Hex(secret, message)) && match === null) match = slot;
  }
  return match;
}
