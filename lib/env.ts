// The only reader of process.env. The environment is validated once, on first use
// (instrumentation.ts calls env() at start-up so that bad configuration stops the
// server before it answers). A malformed value throws EnvError naming the variable;
// an integration whose required variables are missing is reported as disabled.
import "server-only";
import { readFileSync } from "node:fs";
import { z } from "zod";
import {
  anySecret,
  databaseUrl,
  flag,
  hexSecret64,
  httpUrl,
  instant,
  logLevel,
  nodeEnv,
  origins,
  port,
  positiveInt,
  wholeNumber,
} from "@/lib/env-values";

export { parseInstant } from "@/lib/env-values";

export type Source = Record<string, string | undefined>;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

export type Integration<T> = { enabled: true; config: T } | { enabled: false; missing: string[] };

/** Reads a variable, or the file named by VAR_FILE (secrets mounted as files). */
function read(source: Source, name: string, problem: (text: string) => void): string | undefined {
  const direct = source[name];
  const file = source[`${name}_FILE`];
  if (direct !== undefined && direct !== "" && file) {
    problem(`${name}: set both ${name} and ${name}_FILE; set only one`);
    return undefined;
  }
  if (file) {
    try {
      return readFileSync(file, "utf8").replace(/\r?\n$/, "");
    } catch {
      problem(`${name}_FILE: cannot read the file it names`);
      return undefined;
    }
  }
  return direct === "" ? undefined : direct;
}

export type KeySlot = "current" | "previous";
/** The keys that verify a host's requests. */
export type KeyRing = { slot: KeySlot; secret: string }[];
/** A configured ring: never empty, the current key first (then the previous one during a rotation). */
type ConfiguredKeyRing = [{ slot: "current"; secret: string }, ...KeyRing];

function keyRing(current: string, previous: string | undefined): ConfiguredKeyRing {
  const ring: ConfiguredKeyRing = [{ slot: "current", secret: current }];
  if (previous !== undefined) ring.push({ slot: "previous", secret: previous });
  return ring;
}

const enabled = <T>(config: T): Integration<T> => ({ enabled: true, config });
/** Disabled, naming the required variables that are not set (those whose value is undefined). */
function disabled<T>(required: Record<string, unknown>): Integration<T> {
  return { enabled: false, missing: Object.keys(required).filter((name) => required[name] === undefined) };
}

// One object per part of the configuration, over the variables' names; each turns its
// variables into what the app uses. An integration without its required variables is
// disabled, naming them; its optional ones have their defaults here.

const sessionSecret = z.string().min(32, "must be at least 32 characters");
const requiredInProduction = "required in production (npm run demo writes one into .env.local)";

/** The database, the public origin, staff sessions, and the keys that seal stored secrets. */
const coreVariables = z.object({
  NODE_ENV: nodeEnv,
  DATABASE_URL: databaseUrl.default("file:./data/crm-bridge.db"),
  PORT: port.default(3000),
  APP_BASE_URL: httpUrl.optional(),
  SESSION_SECRET: sessionSecret.optional(),
  ENCRYPTION_KEY: z.string().min(32, "must be at least 32 characters").optional(),
  BENCH_REFERENCES: flag,
});
const core = coreVariables
  .superRefine((v, ctx) => {
    // Absent or malformed (zod leaves a malformed value in place).
    if (v.NODE_ENV === "production" && !sessionSecret.safeParse(v.SESSION_SECRET).success) {
      ctx.addIssue({ code: "custom", path: ["SESSION_SECRET"], message: requiredInProduction });
    }
  })
  .transform((v) => ({
    nodeEnv: v.NODE_ENV,
    port: v.PORT,
    databaseUrl: v.DATABASE_URL,
    appBaseUrl: (v.APP_BASE_URL ?? `http://localhost:${v.PORT}`).replace(/\/+$/, ""),
    sessionSecret: v.SESSION_SECRET,
    /** serves the benchmark's framework references (npm run bench sets it) */
    benchReferences: v.BENCH_REFERENCES,
    // Secrets stored in the database (retailCRM API keys) are sealed with a key derived from
    // ENCRYPTION_KEY, or from SESSION_SECRET when it is not set. Both open what they sealed, so
    // setting ENCRYPTION_KEY later keeps the keys sealed before readable.
    /** sealing secrets, the one that seals first (lib/crypto/secret-box.ts) */
    encryptionSecrets: [v.ENCRYPTION_KEY, v.SESSION_SECRET].filter((s): s is string => s !== undefined),
  }));

const sureSendVariables = z.object({
  SURESEND_WIDGET_SECRET: hexSecret64.optional(),
  SURESEND_WIDGET_SECRET_PREVIOUS: hexSecret64.optional(),
  SURESEND_FRAME_ANCESTORS: origins.default(["https://app.suresend.ai"]),
  SURESEND_MAX_AGE_SECONDS: positiveInt.default(300),
});
const sureSend = sureSendVariables.transform((v) => ({
  frameAncestors: v.SURESEND_FRAME_ANCESTORS,
  integration:
    v.SURESEND_WIDGET_SECRET === undefined
      ? disabled<{ secrets: ConfiguredKeyRing; maxAgeSeconds: number }>({ SURESEND_WIDGET_SECRET: undefined })
      : enabled({
          secrets: keyRing(v.SURESEND_WIDGET_SECRET, v.SURESEND_WIDGET_SECRET_PREVIOUS),
          maxAgeSeconds: v.SURESEND_MAX_AGE_SECONDS,
        }),
}));

const socialSignInVariables = z.object({
  SOCIALSIGNIN_SECRET: anySecret.optional(),
  SOCIALSIGNIN_SECRET_PREVIOUS: anySecret.optional(),
  SOCIALSIGNIN_FRAME_ANCESTORS: origins.default(["https://app.socialsignin.net"]),
});
const socialSignIn = socialSignInVariables.transform((v) => ({
  frameAncestors: v.SOCIALSIGNIN_FRAME_ANCESTORS,
  integration:
    v.SOCIALSIGNIN_SECRET === undefined
      ? disabled<{ secrets: ConfiguredKeyRing }>({ SOCIALSIGNIN_SECRET: undefined })
      : enabled({ secrets: keyRing(v.SOCIALSIGNIN_SECRET, v.SOCIALSIGNIN_SECRET_PREVIOUS) }),
}));

// Completed with the core settings it depends on (retailCrm below).
const retailCrmVariables = z.object({
  RETAILCRM_MODULE_CODE: z
    .string()
    .regex(/^[a-z0-9_-]+$/i, "must be letters, digits, - or _")
    .optional(),
  RETAILCRM_SECRET: z.string().min(1).optional(),
  RETAILCRM_MODULE_NAME: z.string().min(1).default("CRM Bridge"),
  RETAILCRM_LOGO_URL: httpUrl.optional(),
  RETAILCRM_SCOPES: z
    .string()
    .min(1)
    .transform((v) => v.split(/\s+/))
    .default(["integration_read", "integration_write", "customer_read"]),
  RETAILCRM_POLL_SECONDS: wholeNumber.default(600),
});

function retailCrm(v: z.output<typeof retailCrmVariables>, settings: z.output<typeof core>) {
  const moduleCode = v.RETAILCRM_MODULE_CODE;
  const secret = v.RETAILCRM_SECRET;
  const sealing = settings.encryptionSecrets[0];
  const config = {
    moduleName: v.RETAILCRM_MODULE_NAME,
    logoUrl: v.RETAILCRM_LOGO_URL ?? `${settings.appBaseUrl}/retailcrm-logo.svg`,
    scopes: v.RETAILCRM_SCOPES,
    /** how often each connected account's customers are synced; 0: never on their own */
    pollSeconds: v.RETAILCRM_POLL_SECONDS,
  };
  return moduleCode === undefined || secret === undefined || sealing === undefined
    ? disabled<typeof config & { moduleCode: string; secret: string }>({
        RETAILCRM_MODULE_CODE: moduleCode,
        RETAILCRM_SECRET: secret,
        "ENCRYPTION_KEY (or SESSION_SECRET)": sealing,
      })
    : enabled({ moduleCode, secret, ...config });
}

const housingVariables = z.object({
  HOUSING_API_URL: httpUrl.default("https://leads.housing.com/api/v0/get-builder-leads"),
  HOUSING_CLIENT_ID: z.string().min(1).optional(),
  HOUSING_API_KEY: z.string().min(1).optional(),
  HOUSING_START_DATE: instant.optional(),
  HOUSING_WINDOW_SECONDS: positiveInt.default(86400),
  HOUSING_POLL_SECONDS: positiveInt.optional(),
  HOUSING_PAGE_SIZE: positiveInt.refine((n) => n <= 1000, "must be at most 1000").default(1000),
  HOUSING_OVERLAP_SECONDS: wholeNumber.default(3600),
});
const housing = housingVariables.transform((v) => {
  const clientId = v.HOUSING_CLIENT_ID;
  const apiKey = v.HOUSING_API_KEY;
  const config = {
    apiUrl: v.HOUSING_API_URL,
    startDate: v.HOUSING_START_DATE,
    windowSeconds: v.HOUSING_WINDOW_SECONDS,
    pageSize: v.HOUSING_PAGE_SIZE,
    overlapSeconds: v.HOUSING_OVERLAP_SECONDS,
    pollSeconds: v.HOUSING_POLL_SECONDS,
  };
  return clientId === undefined || apiKey === undefined
    ? disabled<typeof config & { clientId: string; apiKey: string }>({
        HOUSING_CLIENT_ID: clientId,
        HOUSING_API_KEY: apiKey,
      })
    : enabled({ ...config, clientId, apiKey });
});

const crmcomVariables = z.object({
  CRMCOM_API_URL: httpUrl.transform((v) => v.replace(/\/+$/, "")).default("https://app.crm.com"),
  CRMCOM_SECRET_KEY: z.string().min(1).optional(),
  CRMCOM_USERNAME: z.string().min(1).optional(),
  CRMCOM_PASSWORD: z.string().min(1).optional(),
  CRMCOM_PAGE_SIZE: positiveInt.refine((n) => n <= 100, "must be at most 100").default(100),
  CRMCOM_POLL_SECONDS: positiveInt.optional(),
});
const crmcom = crmcomVariables.transform((v) => {
  // The secret key when set, else a user's sign-in.
  const auth =
    v.CRMCOM_SECRET_KEY !== undefined
      ? ({ kind: "apiKey", apiKey: v.CRMCOM_SECRET_KEY } as const)
      : v.CRMCOM_USERNAME !== undefined && v.CRMCOM_PASSWORD !== undefined
        ? ({ kind: "user", username: v.CRMCOM_USERNAME, password: v.CRMCOM_PASSWORD } as const)
        : undefined;
  const config = { apiUrl: v.CRMCOM_API_URL, pageSize: v.CRMCOM_PAGE_SIZE, pollSeconds: v.CRMCOM_POLL_SECONDS };
  return auth === undefined
    ? disabled<typeof config & { auth: NonNullable<typeof auth> }>({
        "CRMCOM_SECRET_KEY (or CRMCOM_USERNAME and CRMCOM_PASSWORD)": undefined,
      })
    : enabled({ ...config, auth });
});

// LOG_LEVEL is only checked here (a typo stops start-up like any other): the logger reads it
// itself, see logSettings.
const loggingVariables = z.object({ LOG_LEVEL: logLevel.optional(), DEBUG: flag });
const logging = loggingVariables.transform((v) => ({ debug: v.DEBUG }));

// The whole: each part reads the same flat record of variables (and ignores the others').
// Problems are listed in this order, core first.
const parts = {
  core,
  suresend: sureSend,
  socialsignin: socialSignIn,
  retailcrm: retailCrmVariables,
  housing,
  crmcom,
  logging,
};
const configuration = z.object(parts).transform((p) => ({
  ...p.core,
  /** DEBUG=1: stack traces with the one-line error logs */
  debug: p.logging.debug,
  /** Origins allowed to frame each embeddable view; set even when the integration is disabled (its errors are framed too). */
  frameAncestors: { suresend: p.suresend.frameAncestors, socialsignin: p.socialsignin.frameAncestors },
  suresend: p.suresend.integration,
  socialsignin: p.socialsignin.integration,
  retailcrm: retailCrm(p.retailcrm, p.core),
  housing: p.housing,
  crmcom: p.crmcom,
}));

export type Env = z.output<typeof configuration>;

/** Variables read as they are: no VAR_FILE, and never a problem. */
const plainVariables = new Set(["NODE_ENV", "DEBUG", "BENCH_REFERENCES"]);
const variables = [
  coreVariables,
  sureSendVariables,
  socialSignInVariables,
  retailCrmVariables,
  housingVariables,
  crmcomVariables,
  loggingVariables,
].flatMap((object) => Object.keys(object.shape));

export function loadEnv(source: Source): Env {
  const problems: { variable: string; text: string }[] = [];
  const values: Source = {};
  for (const name of variables) {
    if (plainVariables.has(name)) values[name] = source[name];
    else values[name] = read(source, name, (text) => problems.push({ variable: name, text }));
  }
  const input = Object.fromEntries(Object.keys(parts).map((part) => [part, values]));
  const result = configuration.safeParse(input);
  if (result.success && problems.length === 0) return result.data;
  const named = new Set<string>();
  for (const issue of result.error?.issues ?? []) {
    const variable = String(issue.path[1] ?? issue.path[0] ?? "configuration");
    // One problem per variable (the first check its value fails), and the production requirement besides.
    const key = issue.message === requiredInProduction ? `${variable} in production` : variable;
    if (named.has(key)) continue;
    named.add(key);
    problems.push({ variable, text: `${variable}: ${issue.message}` });
  }
  // In the order the variables are listed (core first), whichever step found the problem.
  const order = (p: { variable: string }) => variables.indexOf(p.variable);
  throw new EnvError(problems.sort((a, b) => order(a) - order(b)).map((p) => p.text));
}

/**
 * What lib/log.ts needs, apart from env(): the logger must work before the configuration
 * is validated and when it is invalid, so this never throws (a malformed LOG_LEVEL is
 * ignored here and reported by env()).
 */
export function logSettings(source: Source = process.env) {
  const level = logLevel.safeParse(source.LOG_LEVEL ?? "");
  return {
    nodeEnv: source.NODE_ENV === "production" ? "production" : source.NODE_ENV === "test" ? "test" : "development",
    level: level.success ? level.data : undefined,
    /** DEBUG=1: debug level, and errors keep their stack traces */
    debug: source.DEBUG === "1" || source.DEBUG === "true",
  } as const;
}

let cached: Env | undefined;

/** The validated configuration of this process. */
export function env(): Env {
  cached ??= loadEnv(process.env);
  return cached;
}

/** The environment a child process of the app (a connector run) starts with: this process's, with `overrides`. */
export function childProcessEnv(overrides: Source): NodeJS.ProcessEnv {
  return { ...process.env, ...overrides };
}
