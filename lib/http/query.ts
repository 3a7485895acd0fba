// The contract's two refusals of a query or form as a whole (section 9): a query over
// 16 KiB (414 uri_too_long) and a parameter sent twice where one is expected (400
// duplicate_parameter). Each is built here only, and returned rather than thrown, so the
// hosts' pure verifiers can turn them into a verdict and everyone else throw them.
import "server-only";
import { AppError } from "@/lib/http/errors";

/** Longest query string accepted (section 9 of the contract). */
export const maxQueryBytes = 16 * 1024;

/** 414 uri_too_long when the query (with or without its `?`) is longer than 16 KiB; else null. */
export function queryTooLong(query: string): AppError | null {
  return Buffer.byteLength(query, "utf8") > maxQueryBytes
    ? new AppError("uri_too_long", 414, "The query string is longer than 16 KiB.")
    : null;
}

/** 400 duplicate_parameter naming the parameter (or form field) and how often it came. */
export function duplicateParameter(name: string, count: number): AppError {
  return new AppError("duplicate_parameter", 400, `The parameter "${name}" appears ${count} times; send it once.`);
}

/**
 * The refusal of the first of `names` that was sent more than once, or null. `countOf`
 * says how often a name was sent: `(n) => params.getAll(n).length` for URLSearchParams.
 */
export function duplicateIn(names: readonly string[], countOf: (name: string) => number): AppError | null {
  for (const name of names) {
    const count = countOf(name);
    if (count > 1) return duplicateParameter(name, count);
  }
  return null;
}

/** Counts for duplicateIn from URLSearchParams. */
export function countInParams(params: URLSearchParams): (name: string) => number {
  return (name) => params.getAll(name).length;
}
