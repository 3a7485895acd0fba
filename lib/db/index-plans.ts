// Key lookups whose plan does not depend on statistics. An operator's database is filled
// by imports and may never have been analyzed: without statistics SQLite takes `kind = ?`
// for a selective condition, and PostgreSQL guesses 0.5 % of the rows for any equality and
// 100 rows for a set of JSON keys. Either then chose plans that read every person, or a
// whole table, for a lookup that should read one index entry per key (measured at 100,000
// imported contacts: 36 ms instead of 0.04 ms per Sure Send lookup on SQLite, 100 ms on
// PostgreSQL). So the lookups of the hot paths and of imports are written so that there is
// one reasonable plan:
// - one table is searched by its key column with the keys as a list (inJsonKeys), never
//   joined to the set of keys or to the contacts;
// - what they need from another table (a contact's kind and age, its links) is read by id
//   in a scalar subquery, which both engines run per row through the primary key or the
//   id's index, and which no planner can turn into a join that starts elsewhere;
// - a column whose index would be the wrong way in is compared unindexed;
// - on PostgreSQL, emails and phone digits are compared in the "C" collation (textKey).
import type { DbEngine } from "@/lib/db/client-url";

/**
 * `IN <the strings of a JSON array parameter>`, for `column <this>`. On PostgreSQL the set
 * is an array computed once (`= ANY (ARRAY(…))`): an index condition on `column`, where
 * `IN (SELECT …)` is a semi-join the planner may turn around.
 */
export function inJsonKeys(engine: DbEngine, placeholder: string): string {
  return engine === "sqlite"
    ? `IN (SELECT value FROM json_each(${placeholder}))`
    : `= ANY (ARRAY(SELECT jsonb_array_elements_text(${placeholder}::jsonb)))`;
}

/**
 * A column compared through an expression, so that no index on it can serve the
 * comparison and the planner reaches the table through the index it should (SQLite's
 * unary `+` does the same, but PostgreSQL has no `+` for text). Text columns only.
 */
export function unindexed(column: string): string {
  return `(${column} || '')`;
}

/**
 * An email or phone-digits column for equality with keys: on PostgreSQL in the "C"
 * collation (byte-wise, the same equality for these values), which only the b-tree
 * *_prefix_idx indexes serve. In the database's collation pg_trgm's GIN index on
 * ContactPhone.digits serves equality too, and a never-analyzed database chose it during
 * a first import: 7 s for a lookup of 1,000 phone numbers that the b-tree answers in 10 ms.
 */
export function textKey(engine: DbEngine, column: string): string {
  return engine === "postgresql" ? `${column} COLLATE "C"` : column;
}
