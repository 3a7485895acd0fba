// Secrets we must keep but never show (a retailCRM account's API key) are stored sealed:
// AES-256-GCM with a fresh 96-bit IV per box, under a key derived with HKDF-SHA256 from a
// server secret and the box's purpose. The associated data binds a box to the record it
// belongs to, so a sealed value copied to another row does not open there.
import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

const version = "v1";
const ivBytes = 12;
const tagBytes = 16;
// A fixed salt is fine for HKDF when the input is already a high-entropy secret (RFC 5869 §3.1).
const salt = Buffer.from("crm-bridge/secret-box/v1", "utf8");

export type SecretBoxKey = Buffer;

/** A 32-byte AES key for one purpose, derived from a server secret. */
export function deriveSecretBoxKey(secret: string, purpose: string): SecretBoxKey {
  return Buffer.from(hkdfSync("sha256", Buffer.from(secret, "utf8"), salt, Buffer.from(purpose, "utf8"), 32));
}

/** Seals `plaintext`; the result is `v1.<iv>.<ciphertext+tag>` in base64url, safe to store as text. */
export function sealSecret(plaintext: string, key: SecretBoxKey, associatedData: string): string {
  const iv = randomBytes(ivBytes);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(associatedData, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return `${version}.${iv.toString("base64url")}.${body.toString("base64url")}`;
}

export class SecretBoxError extends Error {
  constructor() {
    // Deliberately vague: the reason (wrong key, tampering, other record) must not help an attacker.
    super("the sealed value cannot be opened with the configured keys");
    this.name = "SecretBoxError";
  }
}

/**
 * Opens a box sealed by `sealSecret` with any of `keys` (the current key first, then keys
 * still accepted after a change). Throws SecretBoxError when none opens it.
 */
export function openSecret(box: string, keys: SecretBoxKey[], associatedData: string): string {
  const [boxVersion, ivText, bodyText, ...rest] = box.split(".");
  if (boxVersion !== version || ivText === undefined || bodyText === undefined || rest.length > 0) {
    throw new SecretBoxError();
  }
  const iv = Buffer.from(ivText, "base64url");
  const body = Buffer.from(bodyText, "base64url");
  if (iv.length !== ivBytes || body.length < tagBytes) throw new SecretBoxError();
  const ciphertext = body.subarray(0, body.length - tagBytes);
  const tag = body.subarray(body.length - tagBytes);
  for (const key of keys) {
    try {
      const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: tagBytes });
      decipher.setAAD(Buffer.from(associatedData, "utf8"));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
    } catch {
      // not this key: try the next one
    }
  }
  throw new SecretBoxError();
}
