// The error model: every refusal has a stable code, an HTTP status and a message a
// person can act on. API routes render it as JSON, iframe routes as a small HTML page.
export type ErrorCode =
  | "bad_request"
  | "missing_parameter"
  | "duplicate_parameter"
  | "missing_signature"
  | "bad_signature"
  | "bad_context"
  | "stale_context"
  | "expired"
  | "not_found"
  | "unauthorized"
  | "rate_limited"
  | "payload_too_large"
  | "uri_too_long"
  | "integration_disabled"
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

/** Any thrown value as an AppError; unknown errors become a generic 500 and are logged, never shown. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  console.error("unexpected error:", error instanceof Error ? error.stack : error);
  return new AppError("internal_error", 500, "Something went wrong on our side. Please try again.");
}

export function jsonError(error: unknown, headers?: HeadersInit): Response {
  const { code, status, message } = toAppError(error);
  return Response.json({ error: { code, message } }, { status, headers });
}
