// The staff session cookie: its name and attributes. Pure, so proxy.ts can read the name
// without loading the database layer.

/** Sessions live at most this long, however active (the database also expires idle ones). */
export const sessionMaxAgeSeconds = 7 * 24 * 60 * 60;

function isHttps(appBaseUrl: string): boolean {
  return new URL(appBaseUrl).protocol === "https:";
}

/**
 * Over https the cookie carries the `__Host-` prefix: browsers then accept it only with
 * Secure, Path=/ and no Domain, so a sibling subdomain cannot plant or overwrite it.
 */
export function sessionCookieName(appBaseUrl: string): string {
  return isHttps(appBaseUrl) ? "__Host-crm_bridge_session" : "crm_bridge_session";
}

export type SessionCookieOptions = {
  httpOnly: true;
  sameSite: "lax";
  secure: boolean;
  path: "/";
  maxAge: number;
};

export function sessionCookieOptions(appBaseUrl: string, maxAge = sessionMaxAgeSeconds): SessionCookieOptions {
  return { httpOnly: true, sameSite: "lax", secure: isHttps(appBaseUrl), path: "/", maxAge };
}
