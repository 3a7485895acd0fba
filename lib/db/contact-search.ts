// Contact search over names, emails and phone digits, fast at a million contacts on
// both engines: each lookup (lib/db/contact-search-sql.ts) goes through an index and
// returns a bounded set of candidate hits; lib/search/rank.ts orders them. Lookups run
// on the driver (lib/db/driver): search answers every few keystrokes.
import "server-only";
import { type Sql, type SqlFragment, type SqlTx, fragment, queryFragment, sql as defaultSql } from "@/lib/db/driver";
import { countRankedBetter, rankHits, type Rank, type SearchHit, type SearchResult } from "@/lib/search/rank";
import { parseSearchTerm } from "@/lib/search/term";
import { type SearchProbe, searchProbes } from "./contact-search-sql";

export type SearchOptions = { limit?: number; sql?: Sql };

function run<T>(sql: SqlTx, statement: SqlFragment): Promise<T[]> {
  return queryFragment<T>(sql, statement);
}

/**
 * Runs lookups, results in the order given. On PostgreSQL they run in one transaction
 * whose planner settings leave only index paths: when statistics say a pattern is
 * common, the planner prefers "read the table (or a whole index) until 40 rows match"
 * to the index lookup, and for a term that is in fact rare or absent that reads every
 * row. B-tree lookups then get ordered index scans; trigram lookups bitmap scans of
 * their GIN index, whose cost is bounded by the matches.
 */
async function runProbes<T>(sql: Sql, probes: { index: SearchProbe["index"]; sql: SqlFragment }[]): Promise<T[][]> {
  if (probes.length === 0) return [];
  if (sql.engine === "sqlite") return Promise.all(probes.map((p) => run<T>(sql, p.sql)));
  return sql.transaction(async (tx) => {
    const results = new Array<T[]>(probes.length);
    // set_config(…, true) is SET LOCAL as a query: both settings in one round trip.
    await tx.query("SELECT set_config('enable_seqscan', 'off', true)");
    for (const [i, p] of probes.entries()) if (p.index === "btree") results[i] = await run<T>(tx, p.sql);
    await tx.query(
      "SELECT set_config('enable_indexscan', 'off', true), set_config('enable_indexonlyscan', 'off', true)",
    );
    for (const [i, p] of probes.entries()) if (p.index === "trigram") results[i] = await run<T>(tx, p.sql);
    return results;
  });
}

/** Each stage's best possible rank (lib/search/rank.ts): it runs only while fewer than `limit` contacts rank better. */
const stages: readonly { stage: SearchProbe["stage"]; best: Rank }[] = [
  { stage: "prefix", best: [0, 0] },
  { stage: "word-prefix", best: [1, 1] },
  { stage: "anywhere", best: [2, 0] },
];

/**
 * Contacts matching `q`, best first (see lib/search/rank.ts), at most `limit` (20).
 * An empty term finds nothing.
 */
export async function searchContacts(q: string, options: SearchOptions = {}): Promise<SearchResult[]> {
  const { limit = 20, sql = defaultSql() } = options;
  const term = parseSearchTerm(q);
  if (term === null) return [];
  // A contact may match through several values (emails, phones): fetch a margin.
  const probes = searchProbes(term, sql.engine, limit * 2);
  const hits: SearchHit[] = [];
  for (const { stage, best } of stages) {
    const due = probes.filter((p) => p.stage === stage);
    if (due.length === 0) continue;
    if (countRankedBetter(hits, term, best) >= limit) break;
    hits.push(...(await runProbes<SearchHit>(sql, due)).flat());
  }
  return rankHits(hits, term, limit);
}

/** The query plan of every lookup of `q`, run as searchContacts runs them: for checks and benchmarks. */
export async function explainSearch(
  q: string,
  options: SearchOptions = {},
): Promise<{ probe: string; plan: string[] }[]> {
  const { limit = 20, sql = defaultSql() } = options;
  const term = parseSearchTerm(q);
  if (term === null) return [];
  const probes = searchProbes(term, sql.engine, limit * 2);
  const explain = sql.engine === "sqlite" ? fragment`EXPLAIN QUERY PLAN` : fragment`EXPLAIN`;
  const rows = await runProbes<Record<string, unknown>>(
    sql,
    probes.map((p) => ({ index: p.index, sql: fragment`${explain} ${p.sql}` })),
  );
  return probes.map((p, i) => ({
    probe: p.name,
    plan: (rows[i] ?? []).map((row) => String(sql.engine === "sqlite" ? row.detail : row["QUERY PLAN"])),
  }));
}
