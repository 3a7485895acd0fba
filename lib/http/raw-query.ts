// The query string of a request exactly as it arrived, for verifiers whose signature
// covers the host's own encoding. URLSearchParams would decode it (and turn `+` into
// a space), which is not what the host signed.

/** The part of a URL after `?` and before any `#`, undecoded; "" when there is none. */
export function rawQueryOf(url: string): string {
  const start = url.indexOf("?");
  if (start < 0) return "";
  const hash = url.indexOf("#", start);
  return url.slice(start + 1, hash < 0 ? undefined : hash);
}
