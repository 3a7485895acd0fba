// The one logger: one JSON line per event on stdout (pino), readable lines in development
// or on a terminal (pino-pretty, in this thread: pino's transports would start a worker
// thread per process). Values under secret keys, and secret query parameters inside any
// string, are masked before a line is written. Modules take a child per run or request:
// logger().child({ connector, runId }).
import "server-only";
import pino, { type DestinationStream, type Logger, type LoggerOptions } from "pino";
import pretty from "pino-pretty";
import { logSettings } from "@/lib/env";

export type { Logger };

export const redacted = "[redacted]";

// The contract's list (sig, signature, hash, token, apiKey, api_key, context) and passwords;
// also keys that end in one of them (accessToken, X-API-KEY, sessionSecret…).
const secretKey = /^(sig|signature|hash|context)$|(token|api[-_]?key|password|passwd|secret|authorization|cookie)$/i;
const secretParameter =
  /([?&](?:sig|signature|hash|token|apiKey|api_key|context|password|access_token|refresh_token)=)[^&#\s"'<>]*/gi;
const bearer = /\b(Bearer\s+)[^\s"']+/gi;

/** A string with its secret query parameters and bearer tokens masked. */
export function redactText(text: string): string {
  return text.replace(secretParameter, `$1${redacted}`).replace(bearer, `$1${redacted}`);
}

/**
 * A copy of `value` with every secret masked (keys by name, strings by redactText), at any
 * depth. Errors become plain objects first (errorView), so their messages are masked too.
 */
export function redactValue(
  value: unknown,
  errorView: (error: Error) => object = (e) => serializeError(e, false),
  depth = 0,
): unknown {
  if (typeof value === "string") return redactText(value);
  if (value === null || typeof value !== "object" || depth > 8) return value;
  if (value instanceof Error) return redactValue(errorView(value), errorView, depth + 1);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, errorView, depth + 1));
  if (value instanceof Date) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] =
      secretKey.test(key) && item !== null && item !== undefined ? redacted : redactValue(item, errorView, depth + 1);
  }
  return copy;
}

type Options = {
  /** where lines go (tests); else the file descriptor `fd` (stdout by default) */
  destination?: DestinationStream;
  fd?: 1 | 2;
  level?: LoggerOptions["level"];
  /** readable lines instead of JSON (default: in development or on a terminal) */
  pretty?: boolean;
  /** keep errors' stack traces (default: with DEBUG=1) */
  stacks?: boolean;
};

export function createLogger(options: Options = {}): Logger {
  const settings = logSettings();
  const stacks = options.stacks ?? settings.debug;
  const level =
    options.level ?? settings.level ?? (settings.debug ? "debug" : settings.nodeEnv === "test" ? "silent" : "info");
  const fd = options.fd ?? 1;
  const tty = (fd === 1 ? process.stdout : process.stderr).isTTY === true;
  const usePretty =
    options.pretty ?? (options.destination === undefined && (settings.nodeEnv === "development" || tty));
  const loggerOptions: LoggerOptions = {
    level,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Errors are turned into plain objects by the log formatter below (masked like the rest).
    serializers: { err: (value: unknown) => value },
    formatters: {
      level: (label) => ({ level: label }),
      log: (object) => redactValue(object, (error) => serializeError(error, stacks)) as Record<string, unknown>,
    },
    hooks: {
      // The message itself may quote a URL or a peer's answer.
      logMethod(args, method) {
        method.apply(
          this,
          args.map((arg) => (typeof arg === "string" ? redactText(arg) : arg)) as Parameters<typeof method>,
        );
      },
    },
  };
  const destination =
    options.destination ??
    (usePretty
      ? pretty({
          sync: true,
          destination: fd,
          colorize: tty,
          singleLine: true,
          ignore: "pid,hostname",
          translateTime: "SYS:HH:MM:ss.l",
        })
      : pino.destination({ fd, sync: true }));
  return pino(loggerOptions, destination);
}

/** An error as a log line shows it: its kind, message and code; its stack only when asked for. */
function serializeError(error: Error, stacks: boolean): Record<string, unknown> {
  const code = (error as { code?: unknown }).code;
  return {
    type: error.name,
    message: error.message,
    ...(typeof code === "string" || typeof code === "number" ? { code } : {}),
    ...(stacks && error.stack ? { stack: error.stack } : {}),
  };
}

const globalForLog = globalThis as unknown as { crmBridgeLogger?: Logger };

/** The process's logger (made on first use). */
export function logger(): Logger {
  globalForLog.crmBridgeLogger ??= createLogger();
  return globalForLog.crmBridgeLogger;
}

/** Replaces the process's logger: the command line quiets it, tests capture it. */
export function setLogger(next: Logger): void {
  globalForLog.crmBridgeLogger = next;
}
