// Reading query parameters the way the contract asks: size-limited, and each expected
// parameter present at most once.
import "server-only";
import { AppError } from "@/lib/http/errors";

/** Longest query string accepted (section 9 of the contract). */
export const maxQueryBytes = 16 * 1024;

export function checkQuerySize(search: string): void {
  if (Buffer.byteLength(search, "utf8") > maxQueryBytes) {
    throw new AppError("uri_too_long", 414, "The query string is longer than 16 KiB.");
  }
}

/**
 * The single value of each named parameter: undefined when absent or empty, a
 * duplicate_parameter error when it appears more than once.
 */
export function singleValues<K extends string>(
  params: URLSearchParams,
  names: readonly K[],
): Record<K, string | undefined> {
  const values = {} as Record<K, string | undefined>;
  for (const name of names) {
    const all = params.getAll(name);
    if (all.length > 1) {
      throw new AppError(
        "duplicate_parameter",
        400,
        `The parameter "${name}" appears ${all.length} times; send it once.`,
      );
    }
    values[name] = all[0] === "" ? undefined : all[0];
  }
  return values;
}
