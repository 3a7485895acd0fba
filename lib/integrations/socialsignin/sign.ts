// Signing as SocialSignIn does it: `sig` = hex HMAC-SHA256 of http_build_query of the
// other parameters. Used by the developer tooling (npm run widget:url), the demo links
// and the tests; the app itself only verifies.
import "server-only";
import { hmacSha256Hex } from "@/lib/signing/hmac";
import { phpBuildQuery } from "@/lib/signing/php-query";

export type SocialSignInEndpoint = "search" | "iframe";

export const socialSignInPaths: Record<SocialSignInEndpoint, { path: string; parameter: "q" | "id" }> = {
  search: { path: "/api/socialsignin/search", parameter: "q" },
  iframe: { path: "/socialsignin/iframe", parameter: "id" },
};

/** `params` as a signed query string: the parameters in order, then `&sig=<hex>`. */
export function signSocialSignInQuery(params: readonly (readonly [string, string])[], secret: string): string {
  const query = phpBuildQuery(params);
  return `${query}&sig=${hmacSha256Hex(secret, query)}`;
}

/** A signed URL of one endpoint, as SocialSignIn would request it: `q`/`id` first, then `expires`. */
export function signedSocialSignInUrl(options: {
  baseUrl: string;
  endpoint: SocialSignInEndpoint;
  value: string;
  secret: string;
  expires: number;
}): string {
  const { path, parameter } = socialSignInPaths[options.endpoint];
  const query = signSocialSignInQuery(
    [
      [parameter, options.value],
      ["expires", String(options.expires)],
    ],
    options.secret,
  );
  return `${options.baseUrl.replace(/\/+$/, "")}${path}?${query}`;
}
