// Query strings exactly as PHP builds and reads them, for hosts that sign
// `http_build_query($params)` (SocialSignIn). Both directions work on bytes, as PHP
// does: a value that is not valid UTF-8 still round-trips to the bytes the host signed.

/** One query parameter as received: its bytes (for re-encoding) and its UTF-8 text (for use). */
export type QueryPair = {
  key: string;
  value: string;
  keyBytes: Uint8Array;
  valueBytes: Uint8Array;
};

const hexDigits = "0123456789ABCDEF";

function isUnreserved(byte: number): boolean {
  return (
    (byte >= 0x30 && byte <= 0x39) || // 0-9
    (byte >= 0x41 && byte <= 0x5a) || // A-Z
    (byte >= 0x61 && byte <= 0x7a) || // a-z
    byte === 0x2d || // -
    byte === 0x5f || // _
    byte === 0x2e // .
  );
}

/**
 * PHP's `urlencode` (RFC 1738 form encoding, what `http_build_query` uses by default):
 * space → `+`; `A–Z a–z 0–9 - _ .` kept; every other byte of the UTF-8 text → `%XX`
 * in upper-case hex (so `~` and `*` are encoded too).
 */
export function phpUrlEncode(value: string | Uint8Array): string {
  const bytes = typeof value === "string" ? Buffer.from(value, "utf8") : value;
  let out = "";
  for (const byte of bytes) {
    if (isUnreserved(byte)) out += String.fromCharCode(byte);
    else if (byte === 0x20) out += "+";
    else out += `%${hexDigits[byte >> 4]}${hexDigits[byte & 15]}`;
  }
  return out;
}

/** PHP's `http_build_query` of string parameters, in the order given: `k=v` pairs joined by `&`. */
export function phpBuildQuery(pairs: Iterable<readonly [string | Uint8Array, string | Uint8Array]>): string {
  const parts: string[] = [];
  for (const [key, value] of pairs) parts.push(`${phpUrlEncode(key)}=${phpUrlEncode(value)}`);
  return parts.join("&");
}

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x41 && code <= 0x46) return code - 0x37;
  if (code >= 0x61 && code <= 0x66) return code - 0x57;
  return -1;
}

function isHexPair(text: string, at: number): boolean {
  return at + 1 < text.length && hexValue(text.charCodeAt(at)) >= 0 && hexValue(text.charCodeAt(at + 1)) >= 0;
}

/**
 * PHP's `urldecode`: `+` → space, `%XX` → that byte, and a `%` not followed by two hex
 * digits kept as it is. Characters outside ASCII (a client that did not encode them)
 * stand for their UTF-8 bytes.
 */
export function phpUrlDecode(text: string): Uint8Array {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x2b) {
      bytes.push(0x20);
    } else if (code === 0x25 && isHexPair(text, i + 1)) {
      bytes.push(hexValue(text.charCodeAt(i + 1)) * 16 + hexValue(text.charCodeAt(i + 2)));
      i += 2;
    } else if (code < 0x80) {
      bytes.push(code);
    } else {
      const char = String.fromCodePoint(text.codePointAt(i)!);
      bytes.push(...Buffer.from(char, "utf8"));
      i += char.length - 1;
    }
  }
  return Uint8Array.from(bytes);
}

/**
 * The parameters of a raw query string (the part after `?`), in the order received.
 * As PHP's `parse_str`: pairs split on `&`, the first `=` separates key and value (no
 * `=` means an empty value), empty segments and empty keys are skipped. Unlike
 * `parse_str`, repeated keys are all kept (the caller decides), and keys are not
 * rewritten (`a.b` stays `a.b`; PHP would make it `a_b`).
 */
export function parseQueryPairs(rawQuery: string): QueryPair[] {
  const pairs: QueryPair[] = [];
  for (const segment of rawQuery.split("&")) {
    if (segment === "") continue;
    const eq = segment.indexOf("=");
    const keyBytes = phpUrlDecode(eq < 0 ? segment : segment.slice(0, eq));
    if (keyBytes.length === 0) continue;
    const valueBytes = phpUrlDecode(eq < 0 ? "" : segment.slice(eq + 1));
    pairs.push({
      key: Buffer.from(keyBytes).toString("utf8"),
      value: Buffer.from(valueBytes).toString("utf8"),
      keyBytes,
      valueBytes,
    });
  }
  return pairs;
}

/** `http_build_query` of received pairs, from their bytes: the string a PHP host signed. */
export function phpCanonicalQuery(pairs: readonly QueryPair[]): string {
  return phpBuildQuery(pairs.map((p) => [p.keyBytes, p.valueBytes] as const));
}
