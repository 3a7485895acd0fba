// The client address that sign-in failures are counted under.
//
// Next.js (`next start`) sets X-Forwarded-For to the socket's remote address only when
// the request does not already carry one. Behind a reverse proxy that appends the
// address it saw (nginx `$proxy_add_x_forwarded_for`, most load balancers), the last
// entry is the one that proxy added: the client as the proxy saw it. Earlier entries
// are whatever the client claimed and are ignored. Served directly, a client that sends
// its own X-Forwarded-For chooses the address it is counted under; the per-email limit
// still holds for each account. Deploy behind a proxy that sets the header.

const maxLength = 64;

export function clientAddressFrom(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for");
  const last = forwarded?.split(",").at(-1)?.trim();
  if (!last) return "unknown";
  // An address, possibly IPv6 or with a port: anything else is stored as one bucket.
  return /^[0-9A-Za-z.:[\]%_-]+$/.test(last) ? last.slice(0, maxLength).toLowerCase() : "invalid";
}
