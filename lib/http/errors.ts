// The error model: every refusal has a stable code, an HTTP status and a message a
// person can act on. API routes render it as JSON, iframe routes as a small HTML page.
import "server-only";
import { isDatabaseUnavailable, logDatabaseUnavailable } from "@/lib/db/unavailable";
import { logger } from "@/lib/log";

export type ErrorCode =
  | "bad_request"
  | "missing_parameter"
  | "duplicate_parameter"
  | "missing_signature"
  | "bad_signature"
  | "bad_token"
  | "bad_context"
  | "stale_context"
  | "expired"
  | "not_found"
  | "unauthorized"
  | "rate_limited"
  | "payload_too_large"
  | "uri_too_long"
  | "integration_disabled"
  | "unavailable"
  | "internal_error";

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export function integrationDisabled(integration: string, missing: string[]): AppError {
  return new AppError(
    "integration_disabled",
    503,
    `The ${integration} integration is disabled: set ${missing.join(", ")} to enable it.`,
  );
}

/** The SocialSignIn iframe asked for an id CRM Bridge does not have. */
export function contactNotFound(): AppError {
  return new AppError("not_found", 404, "CRM Bridge has no contact with this id. It may have been deleted or merged.");
}

/** The database is down or locked past our bound (lib/db/unavailable.ts): the contract's 503. */
export function databaseUnavailable(): AppError {
  return new AppError("unavailable", 503, "CRM Bridge data is unavailable right now. Please try again in a moment.");
}

/**
 * Any thrown value as an AppError: a database outage becomes 503 `unavailable` (logged in
 * one line), anything else unknown a generic 500, logged and never shown. `where` names
 * the entry point in the log.
 */
export function toAppError(error: unknown, where = "request"): AppError {
  if (error instanceof AppError) return error;
  if (isDatabaseUnavailable(error)) {
    logDatabaseUnavailable(where, error);
    return databaseUnavailable();
  }
  logger().error({ event: "request.error", where, err: error }, `${where}: unexpected error`);
  return new AppError("internal_error", 500, "Something went wrong on our side. Please try again.");
}

export function jsonError(error: unknown, headers?: HeadersInit, where?: string): Response {
  const { code, status, message } = toAppError(error, where);
  return Response.json({ error: { code, message } }, { status, headers });
}
