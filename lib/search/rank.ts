// Ranking contact search hits, best first (contract section 3): the whole name equal
// to the term, then a name (or any word of it) starting with it, then the term
// anywhere. Emails and phone digits rank the same way: equal, starts with, contains.
import { foldText } from "@/lib/contacts/normalize";
import type { SearchTerm } from "@/lib/search/term";

export type SearchField = "name" | "email" | "phone";

/** One matching value of one contact, as the data layer finds it. */
export type SearchHit = {
  contactId: string;
  displayName: string;
  searchName: string;
  field: SearchField;
  value: string;
};

export type SearchResult = { id: string; name: string };

/** [tier, order within the tier]; lower is better. Tier 0 equal, 1 starts with, 2 contains. */
export type Rank = readonly [number, number];

const wordChar = /[\p{L}\p{N}]/u;

/** True when `text` has `term` at the start of a word other than the first. */
function startsLaterWord(text: string, term: string): boolean {
  for (let at = text.indexOf(term, 1); at > 0; at = text.indexOf(term, at + 1)) {
    if (!wordChar.test(text[at - 1]!)) return true;
  }
  return false;
}

/** How well one hit matches, or null when it does not match at all. */
export function rankHit(hit: SearchHit, term: SearchTerm): Rank | null {
  if (hit.field === "name") {
    const name = foldText(hit.value);
    if (name === term.text) return [0, 0];
    if (name.startsWith(term.text)) return [1, 0];
    if (startsLaterWord(name, term.text)) return [1, 1];
    return name.includes(term.text) ? [2, 0] : null;
  }
  if (hit.field === "email") {
    const email = foldText(hit.value);
    if (email === term.text) return [0, 1];
    if (email.startsWith(term.text)) return [1, 2];
    return email.includes(term.text) ? [2, 1] : null;
  }
  if (term.digits === "") return null;
  if (hit.value === term.digits) return [0, 2];
  if (hit.value.startsWith(term.digits)) return [1, 3];
  return hit.value.includes(term.digits) ? [2, 2] : null;
}

function compareRanks(a: Rank, b: Rank): number {
  return a[0] - b[0] || a[1] - b[1];
}

/** Plain code-point order: the same on every engine and locale. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * How many contacts have a hit ranking better than `rank`: once there are `limit`, no
 * hit of that rank or worse can enter the results, and lookups that find only such hits
 * need not run.
 */
export function countRankedBetter(hits: readonly SearchHit[], term: SearchTerm, rank: Rank): number {
  const better = new Set<string>();
  for (const hit of hits) {
    const found = rankHit(hit, term);
    if (found !== null && compareRanks(found, rank) < 0) better.add(hit.contactId);
  }
  return better.size;
}

/**
 * The best `limit` contacts among the hits: each contact by its best hit, then by
 * folded name, display name and id so that the order is stable.
 */
export function rankHits(hits: readonly SearchHit[], term: SearchTerm, limit: number): SearchResult[] {
  const best = new Map<string, { hit: SearchHit; rank: Rank }>();
  for (const hit of hits) {
    const rank = rankHit(hit, term);
    if (rank === null) continue;
    const seen = best.get(hit.contactId);
    if (!seen || compareRanks(rank, seen.rank) < 0) best.set(hit.contactId, { hit, rank });
  }
  return [...best.values()]
    .sort(
      (a, b) =>
        compareRanks(a.rank, b.rank) ||
        compareText(a.hit.searchName, b.hit.searchName) ||
        compareText(a.hit.displayName, b.hit.displayName) ||
        compareText(a.hit.contactId, b.hit.contactId),
    )
    .slice(0, limit)
    .map(({ hit }) => ({ id: hit.contactId, name: hit.displayName }));
}
