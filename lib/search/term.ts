// What a search term means: the folded text names and emails are matched against,
// the digits phones are matched against, and which index strategies it allows.
import { z } from "zod";
import { foldText, normalizeEmail, phoneDigits } from "@/lib/contacts/normalize";

/** Longest search term accepted; nobody types more, and it bounds the index work. */
export const maxSearchTermLength = 256;

/** The search term as a request gives it (empty allowed: it finds nothing). */
export const searchTermSchema = z
  .string()
  .max(maxSearchTermLength, `The search term must be at most ${maxSearchTermLength} characters.`);

export type SearchTerm = {
  /** folded (lower case, accents removed, spaces collapsed): compared with names and emails */
  text: string;
  /** lower-cased only: how emails are stored, for exact and prefix lookups */
  lower: string;
  /** the digits of a phone-like term, "" otherwise: compared with phone digits */
  digits: string;
  /** substring ("q anywhere") lookups through trigrams: needs a run of 3+ letters or digits */
  anywhere: boolean;
  /** word-prefix lookups through the trigram of " " + the term: needs 2+ leading letters or digits */
  wordPrefix: boolean;
  /** substring lookups over phone digits: needs 3+ digits */
  digitsAnywhere: boolean;
};

const wordChars = /[\p{L}\p{N}]+/gu;

/**
 * Digits and the punctuation phone numbers are written with: a term made of these
 * (with a digit) is searched in phone digits. "Suite 100" is not a phone number, and
 * matching its "100" against every phone would bury the names that match.
 */
const phoneLike = /^[\d\s+\-().\/]*\d[\d\s+\-().\/]*$/;

/**
 * The term to search for, or null when there is nothing to search (empty or only
 * spaces). Trigram indexes (SQLite FTS5, PostgreSQL pg_trgm) cannot serve shorter
 * strings without reading everything, so such terms get exact and prefix lookups only.
 */
export function parseSearchTerm(q: string): SearchTerm | null {
  const text = foldText(q);
  if (text === "") return null;
  const digits = phoneLike.test(text) ? phoneDigits(text) : "";
  const runs = text.match(wordChars) ?? [];
  const longestRun = Math.max(0, ...runs.map((r) => [...r].length));
  const leadingRun = /^[\p{L}\p{N}]+/u.exec(text)?.[0] ?? "";
  return {
    text,
    lower: normalizeEmail(q),
    digits,
    anywhere: longestRun >= 3,
    wordPrefix: [...leadingRun].length >= 2,
    digitsAnywhere: digits.length >= 3,
  };
}

/** The largest code point: `value < prefix + this` bounds a byte-wise prefix range. */
export const prefixRangeEnd = "\u{10FFFF}";

/** A LIKE pattern matching `text` literally (PostgreSQL, backslash escape). */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** An FTS5 phrase matching `text` literally, optionally restricted to some columns. */
export function ftsPhrase(text: string, columns: string[] = []): string {
  const phrase = `"${text.replace(/"/g, '""')}"`;
  return columns.length === 0 ? phrase : `{${columns.join(" ")}} : ${phrase}`;
}
