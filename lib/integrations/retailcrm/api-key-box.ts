// A connected account's API key, sealed for storage. The key is derived for this purpose
// only, and the sealed value is bound to the account's system URL.
import "server-only";
import { deriveSecretBoxKey, openSecret, sealSecret } from "@/lib/crypto/secret-box";

const purpose = "retailcrm-api-key";

/** `secrets`: env().encryptionSecrets, the sealing one first. */
export function sealApiKey(apiKey: string, systemUrl: string, secrets: string[]): string {
  const [current] = secrets;
  if (current === undefined) throw new Error("no encryption secret configured");
  return sealSecret(apiKey, deriveSecretBoxKey(current, purpose), systemUrl);
}

/** Throws SecretBoxError when no configured secret opens the box. */
export function openApiKey(sealed: string, systemUrl: string, secrets: string[]): string {
  return openSecret(
    sealed,
    secrets.map((secret) => deriveSecretBoxKey(secret, purpose)),
    systemUrl,
  );
}
