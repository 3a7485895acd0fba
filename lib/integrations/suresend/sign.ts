// Signs a widget context as Sure Send does: base64 of the JSON, and the hex
// HMAC-SHA256 of that base64 text. Used by `npm run widget:url`, the demo links and tests.
import "server-only";
import { hmacSha256Hex } from "@/lib/signing/hmac";

export function signSureSendContext(context: unknown, secret: string): { context: string; signature: string } {
  const encoded = Buffer.from(JSON.stringify(context), "utf8").toString("base64");
  return { context: encoded, signature: hmacSha256Hex(secret, encoded) };
}

/** The widget URL with the context percent-encoded, as a careful host sends it. */
export function sureSendWidgetUrl(baseUrl: string, context: unknown, secret: string): string {
  const signed = signSureSendContext(context, secret);
  const query = new URLSearchParams({ context: signed.context, signature: signed.signature });
  return `${baseUrl}/widgets/suresend?${query.toString()}`;
}
