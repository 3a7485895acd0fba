// The only reader of process.env. The environment is validated once, on first use
// (instrumentation.ts calls env() at start-up so that bad configuration stops the
// server before it answers). A malformed value throws EnvError naming the variable;
// an integration whose required variables are missing is reported as disabled.
import "server-only";
import { readFileSync } from "node:fs";
import { z } from "zod";

export type Source = Record<string, string | undefined>;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

export type Integration<T> = { enabled: true; config: T } | { enabled: false; missing: string[] };

/** Reads a variable, or the file named by VAR_FILE (secrets mounted as files). */
function read(source: Source, name: string, problems: string[]): string | undefined {
  const direct = source[name];
  const file = source[`${name}_FILE`];
  if (direct !== undefined && direct !== "" && file) {
    problems.push(`${name}: set both ${name} and ${name}_FILE; set only one`);
    return undefined;
  }
  if (file) {
    try {
      return readFileSync(file, "utf8").replace(/\r?\n$/, "");
    } catch {
      problems.push(`${name}_FILE: cannot read the file it names`);
      return undefined;
    }
  }
  return direct === "" ? undefined : direct;
}

/** Parses one present value with a zod schema, recording a problem that names the variable. */
function parse<T>(name: string, value: string | undefined, schema: z.ZodType<T>, problems: string[]): T | undefined {
  if (value === undefined) return undefined;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  problems.push(`${name}: ${result.error.issues[0]?.message ?? "invalid value"}`);
  return undefined;
}

const httpUrl = z
  .string()
  .trim()
  .refine((v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol), "must be an http(s) URL");
const positiveInt = z
  .string()
  .trim()
  .regex(/^\d+$/, "must be a whole number")
  .transform(Number)
  .refine((n) => n > 0 && Number.isSafeInteger(n), "must be a positive whole number");
const wholeNumber = z
  .string()
  .trim()
  .regex(/^\d+$/, "must be a whole number")
  .transform(Number)
  .refine((n) => Number.isSafeInteger(n), "must be a whole number");
const port = positiveInt.refine((n) => n <= 65535, "must be a port number (1-65535)");
const databaseUrl = z
  .string()
  .trim()
  .refine((v) => v.startsWith("file:") || /^postgres(ql)?:\/\//.test(v), "must start with file: or postgresql://");
// Origins go into a Content-Security-Policy header: accept only scheme://host[:port]
// (a wildcard subdomain allowed), so no value can smuggle in another directive.
const origins = z
  .string()
  .trim()
  .transform((v) => v.split(/\s+/).filter(Boolean))
  .refine((list) => list.length > 0, "must name at least one origin")
  .refine(
    (list) => list.every((o) => /^https?:\/\/(\*\.)?[a-z0-9.-]+(:\d{1,5})?$/i.test(o)),
    "must be space-separated origins such as https://app.example.com",
  );
const hexSecret64 = z.string().regex(/^[0-9a-fA-F]{64}$/, "must be 64 hexadecimal characters");
const anySecret = z.string().min(8, "must be at least 8 characters");
// ISO date / date-time (UTC when no zone) or epoch seconds → epoch seconds.
export const instant = z
  .string()
  .trim()
  .transform((v, ctx) => {
    const seconds = parseInstant(v);
    if (seconds === undefined) {
      ctx.addIssue({ code: "custom", message: "must be an ISO date, date-time or epoch seconds" });
      return z.NEVER;
    }
    return seconds;
  });

export function parseInstant(value: string): number | undefined {
  if (/^\d+$/.test(value)) return Number(value);
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? `${value}T00:00:00Z`
    : /^\d{4}-\d{2}-\d{2}T[\d:.]+$/.test(value)
      ? `${value}Z`
      : value;
  if (!/^\d{4}-\d{2}-\d{2}T/.test(iso)) return undefined;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}

/** Builds an integration from its required and optional values; disabled when a required one is missing. */
function integration<T>(required: Record<string, unknown>, build: () => T): Integration<T> {
  const missing = Object.entries(required)
    .filter(([, v]) => v === undefined)
    .map(([k]) => k);
  return missing.length > 0 ? { enabled: false, missing } : { enabled: true, config: build() };
}

export function loadEnv(source: Source) {
  const problems: string[] = [];
  const get = <T>(name: string, schema: z.ZodType<T>) => parse(name, read(source, name, problems), schema, problems);

  const nodeEnv = source.NODE_ENV === "production" ? "production" : source.NODE_ENV === "test" ? "test" : "development";
  const databaseUrlValue = get("DATABASE_URL", databaseUrl) ?? "file:./data/crm-bridge.db";
  const portValue = get("PORT", port) ?? 3000;
  const appBaseUrl = (get("APP_BASE_URL", httpUrl) ?? `http://localhost:${portValue}`).replace(/\/+$/, "");
  const sessionSecret = get("SESSION_SECRET", z.string().min(32, "must be at least 32 characters"));
  if (nodeEnv === "production" && sessionSecret === undefined) {
    problems.push("SESSION_SECRET: required in production (npm run demo writes one into .env.local)");
  }
  // Secrets stored in the database (retailCRM API keys) are sealed with a key derived from
  // ENCRYPTION_KEY, or from SESSION_SECRET when it is not set. Both open what they sealed, so
  // setting ENCRYPTION_KEY later keeps the keys sealed before readable.
  const encryptionKey = get("ENCRYPTION_KEY", z.string().min(32, "must be at least 32 characters"));
  const encryptionSecrets = [encryptionKey, sessionSecret].filter((s): s is string => s !== undefined);

  const suresendSecret = get("SURESEND_WIDGET_SECRET", hexSecret64);
  const suresendPrevious = get("SURESEND_WIDGET_SECRET_PREVIOUS", hexSecret64);
  const suresendAncestors = get("SURESEND_FRAME_ANCESTORS", origins) ?? ["https://app.suresend.ai"];
  const suresendMaxAge = get("SURESEND_MAX_AGE_SECONDS", positiveInt) ?? 300;

  const socialSecret = get("SOCIALSIGNIN_SECRET", anySecret);
  const socialPrevious = get("SOCIALSIGNIN_SECRET_PREVIOUS", anySecret);
  const socialAncestors = get("SOCIALSIGNIN_FRAME_ANCESTORS", origins) ?? ["https://app.socialsignin.net"];

  const retailModuleCode = get(
    "RETAILCRM_MODULE_CODE",
    z.string().regex(/^[a-z0-9_-]+$/i, "must be letters, digits, - or _"),
  );
  const retailSecret = get("RETAILCRM_SECRET", z.string().min(1));
  const retailName = get("RETAILCRM_MODULE_NAME", z.string().min(1)) ?? "CRM Bridge";
  const retailLogo = get("RETAILCRM_LOGO_URL", httpUrl) ?? `${appBaseUrl}/retailcrm-logo.svg`;
  const retailScopes = get("RETAILCRM_SCOPES", z.string().min(1))?.split(/\s+/) ?? [
    "integration_read",
    "integration_write",
    "customer_read",
  ];

  const housingUrl = get("HOUSING_API_URL", httpUrl) ?? "https://leads.housing.com/api/v0/get-builder-leads";
  const housingClientId = get("HOUSING_CLIENT_ID", z.string().min(1));
  const housingKey = get("HOUSING_API_KEY", z.string().min(1));
  const housingStart = get("HOUSING_START_DATE", instant);
  const housingWindow = get("HOUSING_WINDOW_SECONDS", positiveInt) ?? 86400;
  const housingPoll = get("HOUSING_POLL_SECONDS", positiveInt);
  const housingPageSize =
    get(
      "HOUSING_PAGE_SIZE",
      positiveInt.refine((n) => n <= 1000, "must be at most 1000"),
    ) ?? 1000;
  const housingOverlap = get("HOUSING_OVERLAP_SECONDS", wholeNumber) ?? 3600;

  const crmcomUrl = (get("CRMCOM_API_URL", httpUrl) ?? "https://app.crm.com").replace(/\/+$/, "");
  const crmcomKey = get("CRMCOM_SECRET_KEY", z.string().min(1));
  const crmcomUser = get("CRMCOM_USERNAME", z.string().min(1));
  const crmcomPassword = get("CRMCOM_PASSWORD", z.string().min(1));
  const crmcomPageSize =
    get(
      "CRMCOM_PAGE_SIZE",
      positiveInt.refine((n) => n <= 100, "must be at most 100"),
    ) ?? 100;
  const crmcomPoll = get("CRMCOM_POLL_SECONDS", positiveInt);
  // Only checked here (a typo stops start-up like any other): the logger reads it itself, see logSettings.
  get("LOG_LEVEL", logLevel);

  if (problems.length > 0) throw new EnvError(problems);

  const crmcomAuth =
    crmcomKey !== undefined
      ? ({ kind: "apiKey", apiKey: crmcomKey } as const)
      : crmcomUser !== undefined && crmcomPassword !== undefined
        ? ({ kind: "user", username: crmcomUser, password: crmcomPassword } as const)
        : undefined;

  return {
    nodeEnv,
    port: portValue,
    databaseUrl: databaseUrlValue,
    appBaseUrl,
    sessionSecret,
    /** serves the benchmark's framework references (npm run bench sets it) */
    benchReferences: source.BENCH_REFERENCES === "1",
    /** DEBUG=1: stack traces with the one-line error logs */
    debug: source.DEBUG === "1",
    /** Origins allowed to frame each embeddable view; set even when the integration is disabled (its errors are framed too). */
    frameAncestors: { suresend: suresendAncestors, socialsignin: socialAncestors },
    /** sealing secrets, the one that seals first (lib/crypto/secret-box.ts) */
    encryptionSecrets,
    suresend: integration({ SURESEND_WIDGET_SECRET: suresendSecret }, () => ({
      secrets: keyRing(suresendSecret!, suresendPrevious),
      maxAgeSeconds: suresendMaxAge,
    })),
    socialsignin: integration({ SOCIALSIGNIN_SECRET: socialSecret }, () => ({
      secrets: keyRing(socialSecret!, socialPrevious),
    })),
    retailcrm: integration(
      {
        RETAILCRM_MODULE_CODE: retailModuleCode,
        RETAILCRM_SECRET: retailSecret,
        "ENCRYPTION_KEY (or SESSION_SECRET)": encryptionSecrets[0],
      },
      () => ({
        moduleCode: retailModuleCode!,
        secret: retailSecret!,
        moduleName: retailName,
        logoUrl: retailLogo,
        scopes: retailScopes,
      }),
    ),
    housing: integration({ HOUSING_CLIENT_ID: housingClientId, HOUSING_API_KEY: housingKey }, () => ({
      apiUrl: housingUrl,
      clientId: housingClientId!,
      apiKey: housingKey!,
      startDate: housingStart,
      windowSeconds: housingWindow,
      pageSize: housingPageSize,
      overlapSeconds: housingOverlap,
      pollSeconds: housingPoll,
    })),
    crmcom: integration({ "CRMCOM_SECRET_KEY (or CRMCOM_USERNAME and CRMCOM_PASSWORD)": crmcomAuth }, () => ({
      apiUrl: crmcomUrl,
      auth: crmcomAuth!,
      pageSize: crmcomPageSize,
      pollSeconds: crmcomPoll,
    })),
  };
}

export type Env = ReturnType<typeof loadEnv>;
export type KeySlot = "current" | "previous";
export type KeyRing = { slot: KeySlot; secret: string }[];

function keyRing(current: string, previous: string | undefined): KeyRing {
  return previous === undefined
    ? [{ slot: "current", secret: current }]
    : [
        { slot: "current", secret: current },
        { slot: "previous", secret: previous },
      ];
}

const logLevels = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
const logLevel = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(logLevels, "must be one of fatal, error, warn, info, debug, trace, silent"));

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
