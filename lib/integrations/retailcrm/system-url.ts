// A retailCRM account's address ("systemUrl") comes from the register request, and we
// then send that account's API key to it. So it must be exactly an https origin of a
// public host: no credentials, no path, query or fragment, no characters a URL parser
// would silently drop, and no private or loopback address — except loopback over http,
// which test and development servers allow so that a fake system on 127.0.0.1 can stand in.
import "server-only";
import { BlockList, isIP } from "node:net";

export type SystemUrlPolicy = { allowLoopback: boolean };
export type SystemUrlResult = { ok: true; origin: string } | { ok: false; message: string };

const maxLength = 2048;

// Addresses that are never a retailCRM account: private, link-local (cloud metadata),
// shared, multicast, unspecified and documentation ranges, for IPv4 and IPv6.
const nonPublic = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 3],
] as const) {
  nonPublic.addSubnet(net, prefix, "ipv4");
}
for (const [net, prefix] of [
  ["::", 128],
  ["64:ff9b::", 96],
  ["100::", 64],
  ["2001:db8::", 32],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const) {
  nonPublic.addSubnet(net, prefix, "ipv6");
}
const loopback = new BlockList();
loopback.addSubnet("127.0.0.0", 8, "ipv4");
loopback.addAddress("::1", "ipv6");

/** The address literal in a URL hostname ("[::1]" → "::1"), with IPv4-mapped IPv6 unwrapped. */
function addressOf(hostname: string): { address: string; family: "ipv4" | "ipv6" } | null {
  const bare = hostname.startsWith("[") ? hostname.slice(1, -1) : hostname;
  const kind = isIP(bare);
  if (kind === 0) return null;
  if (kind === 4) return { address: bare, family: "ipv4" };
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  if (mapped) return { address: mapped[1]!, family: "ipv4" };
  // The URL parser writes a mapped address in hex (::ffff:7f00:1): turn it back into IPv4.
  const hexMapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(bare);
  if (hexMapped) {
    const high = parseInt(hexMapped[1]!, 16);
    const low = parseInt(hexMapped[2]!, 16);
    return { address: `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`, family: "ipv4" };
  }
  return { address: bare, family: "ipv6" };
}

function isLoopbackHost(hostname: string): boolean {
  if (hostname === "localhost") return true;
  const ip = addressOf(hostname);
  return ip !== null && loopback.check(ip.address, ip.family);
}

const fail = (message: string): SystemUrlResult => ({ ok: false, message });

/** Checks a system URL and returns its origin (scheme://host[:port], lower case, default port dropped). */
export function validateSystemUrl(raw: string, policy: SystemUrlPolicy): SystemUrlResult {
  const text = raw.trim();
  if (text.length === 0) return fail("The account address (systemUrl) is empty.");
  if (text.length > maxLength) return fail("The account address (systemUrl) is too long.");
  // The URL parser drops tabs and newlines and turns "\" into "/": refuse such input
  // instead of calling a different address than the one that was sent.
  if (!/^[\x21-\x7e]+$/.test(text) || text.includes("\\")) {
    return fail("The account address (systemUrl) contains characters that are not allowed in an address.");
  }
  if (!URL.canParse(text)) return fail("The account address (systemUrl) is not a valid URL.");
  const url = new URL(text);
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return fail("The account address (systemUrl) must be an https:// address of a retailCRM account.");
  }
  if (url.username !== "" || url.password !== "") {
    return fail("The account address (systemUrl) must not contain a user name or password.");
  }
  // Judged on the text as sent, not the parsed URL, which would turn "/." or "/a/.." into "/".
  if (!/^https?:\/\/[^/?#]+\/?$/i.test(text)) {
    return fail(
      "The account address (systemUrl) must be the account's address only, such as https://name.retailcrm.ru, without a path.",
    );
  }
  const loopbackHost = isLoopbackHost(url.hostname);
  if (loopbackHost && !policy.allowLoopback) {
    return fail(
      "The account address (systemUrl) points to this server's own machine, which is not a retailCRM account.",
    );
  }
  if (url.protocol === "http:" && !loopbackHost) {
    return fail("The account address (systemUrl) must use https://.");
  }
  const ip = addressOf(url.hostname);
  if (!loopbackHost && ip !== null && nonPublic.check(ip.address, ip.family)) {
    return fail(
      "The account address (systemUrl) points to a private network address, which is not a retailCRM account.",
    );
  }
  if (!loopbackHost && ip === null && !url.hostname.includes(".")) {
    return fail("The account address (systemUrl) must name a public host, such as name.retailcrm.ru.");
  }
  return { ok: true, origin: url.origin };
}

/**
 * Loopback system URLs are accepted outside production, and by a production server whose
 * own public address is loopback (the end-to-end test server): neither faces real accounts.
 */
export function systemUrlPolicy(config: { nodeEnv: string; appBaseUrl: string }): SystemUrlPolicy {
  const own = new URL(config.appBaseUrl);
  return { allowLoopback: config.nodeEnv !== "production" || isLoopbackHost(own.hostname) };
}
