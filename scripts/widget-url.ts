// npm run widget:url -- <platform> [options]: prints a signed, fresh test URL for a
// host platform, signed with the configured secret, as the platform would send it.
//   suresend --person | --company                [--base <url>]
//   socialsignin --search <q> | --iframe <id>   [--base <url>] [--ttl <seconds>]
// One small function per platform; each takes its own arguments.
import "./load-env";
import { parseArgs } from "node:util";
import { z } from "zod";
import { env } from "@/lib/env";
import { signedSocialSignInUrl } from "@/lib/integrations/socialsignin/sign";
import { sureSendWidgetUrl } from "@/lib/integrations/suresend/sign";
import { sampleCompanyContext, samplePersonContext } from "@/lib/integrations/suresend/sample-contexts";

class UsageError extends Error {}

const usage = [
  "usage: npm run widget:url -- suresend --person | --company [--base <url>]",
  "       npm run widget:url -- socialsignin --search <q> | --iframe <id> [--base <url>] [--ttl <seconds>]",
].join("\n");

const maxTtlSeconds = 7 * 24 * 3600;
const ttlSeconds = z
  .string()
  .regex(/^-?\d+$/, "--ttl must be a whole number of seconds")
  .transform(Number)
  .refine((n) => n > 0, "--ttl must be positive: the link's lifetime in seconds")
  .refine((n) => n <= maxTtlSeconds, `--ttl must be at most ${maxTtlSeconds} seconds (7 days)`);

/**
 * `--ttl -10` as `--ttl=-10`: node's parser takes a value starting with "-" for another
 * option and says so in its own words; joined, the value reaches our own validation.
 */
function joinDashValues(args: string[], names: string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const next = args[i + 1];
    if (names.includes(args[i]!) && next !== undefined && /^-\d/.test(next)) {
      joined.push(`${args[i]}=${next}`);
      i++;
    } else joined.push(args[i]!);
  }
  return joined;
}
const baseUrl = z.url({ protocol: /^https?$/ });

function socialsigninUrl(args: string[]): string {
  const { values } = parseArgs({
    args: joinDashValues(args, ["--ttl"]),
    options: {
      search: { type: "string" },
      iframe: { type: "string" },
      base: { type: "string" },
      ttl: { type: "string", default: "3600" },
    },
  });
  if ((values.search === undefined) === (values.iframe === undefined)) {
    throw new UsageError("socialsignin: give exactly one of --search <q> or --iframe <id>");
  }
  const ttl = ttlSeconds.safeParse(values.ttl);
  if (!ttl.success) throw new UsageError(ttl.error.issues[0]?.message ?? "--ttl: a number of seconds");
  const base = baseUrl.safeParse(values.base ?? env().appBaseUrl);
  if (!base.success) throw new UsageError("--base: an http(s) URL");
  const integration = env().socialsignin;
  if (!integration.enabled) throw new Error(`SocialSignIn is disabled: set ${integration.missing.join(", ")}`);
  return signedSocialSignInUrl({
    baseUrl: base.data,
    endpoint: values.search !== undefined ? "search" : "iframe",
    value: values.search ?? values.iframe ?? "",
    secret: integration.config.secrets[0].secret,
    expires: Math.floor(Date.now() / 1000) + ttl.data,
  });
}

/** A fresh widget URL for a demo person or company; valid for SURESEND_MAX_AGE_SECONDS. */
function suresendUrl(args: string[]): string {
  const { values } = parseArgs({
    args,
    options: {
      person: { type: "boolean", default: false },
      company: { type: "boolean", default: false },
      base: { type: "string" },
    },
  });
  if (values.person === values.company) throw new UsageError("suresend: give exactly one of --person or --company");
  const base = baseUrl.safeParse(values.base ?? env().appBaseUrl);
  if (!base.success) throw new UsageError("--base: an http(s) URL");
  const integration = env().suresend;
  if (!integration.enabled) throw new Error(`Sure Send is disabled: set ${integration.missing.join(", ")}`);
  const context = values.person ? samplePersonContext() : sampleCompanyContext();
  return sureSendWidgetUrl(base.data.replace(/\/+$/, ""), context, integration.config.secrets[0].secret);
}

const platforms: Record<string, (args: string[]) => string> = {
  suresend: suresendUrl,
  socialsignin: socialsigninUrl,
};

const [platform, ...rest] = process.argv.slice(2);
const build = platform === undefined ? undefined : platforms[platform];
try {
  if (!build)
    throw new UsageError(`unknown platform: ${platform ?? "(none)"}; one of ${Object.keys(platforms).join(", ")}`);
  console.log(build(rest));
} catch (error) {
  // node:util parseArgs throws TypeErrors coded ERR_PARSE_ARGS_* for unknown or malformed options.
  const usageError =
    error instanceof UsageError ||
    (error instanceof TypeError && String(Reflect.get(error, "code")).startsWith("ERR_PARSE_ARGS"));
  console.error(error instanceof Error ? error.message : String(error));
  if (usageError) console.error(usage);
  process.exit(usageError ? 2 : 1);
}
