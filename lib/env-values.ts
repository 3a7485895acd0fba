// The shapes of configuration values (lib/env.ts reads the variables): each parses the text
// of one variable, or says in a few words what is wrong with it — never repeating the value.
import { z } from "zod";

export const httpUrl = z
  .string()
  .trim()
  .refine((v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol), "must be an http(s) URL");
export const positiveInt = z
  .string()
  .trim()
  .regex(/^\d+$/, "must be a whole number")
  .transform(Number)
  .refine((n) => n > 0 && Number.isSafeInteger(n), "must be a positive whole number");
export const wholeNumber = z
  .string()
  .trim()
  .regex(/^\d+$/, "must be a whole number")
  .transform(Number)
  .refine((n) => Number.isSafeInteger(n), "must be a whole number");
export const port = positiveInt.refine((n) => n <= 65535, "must be a port number (1-65535)");
export const databaseUrl = z
  .string()
  .trim()
  .refine((v) => v.startsWith("file:") || /^postgres(ql)?:\/\//.test(v), "must start with file: or postgresql://");
// Origins go into a Content-Security-Policy header: accept only scheme://host[:port]
// (a wildcard subdomain allowed), so no value can smuggle in another directive.
export const origins = z
  .string()
  .trim()
  .transform((v) => v.split(/\s+/).filter(Boolean))
  .refine((list) => list.length > 0, "must name at least one origin")
  .refine(
    (list) => list.every((o) => /^https?:\/\/(\*\.)?[a-z0-9.-]+(:\d{1,5})?$/i.test(o)),
    "must be space-separated origins such as https://app.example.com",
  );
export const hexSecret64 = z.string().regex(/^[0-9a-fA-F]{64}$/, "must be 64 hexadecimal characters");
export const anySecret = z.string().min(8, "must be at least 8 characters");
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

const logLevels = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export const logLevel = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(logLevels, "must be one of fatal, error, warn, info, debug, trace, silent"));

export const nodeEnv = z.enum(["production", "test", "development"]).catch("development");
/** "1" or not */
export const flag = z
  .string()
  .optional()
  .transform((v) => v === "1");
