// Records a run could not import (a peer's malformed records), for the run's record: the
// first ones word for word, the rest only counted, so that a run meeting a million bad
// records still stores a short text. The run itself goes on.

export type Problems = {
  /** the first problems, each "<record id>: <why>" */
  shown: string[];
  /** how many there were in all */
  total: number;
};

export const noProblems: Problems = { shown: [], total: 0 };

/** Problems kept word for word per run, and the longest line kept. */
export const problemsShown = 100;
const lineLength = 300;

export function addProblems(problems: Problems, more: readonly string[] = [], limit = problemsShown): Problems {
  if (more.length === 0) return problems;
  const room = Math.max(0, limit - problems.shown.length);
  const kept = more
    .slice(0, room)
    .map((line) => (line.length > lineLength ? `${line.slice(0, lineLength - 1)}…` : line));
  return { shown: [...problems.shown, ...kept], total: problems.total + more.length };
}

/** The lines listing the problems (empty when there are none). */
export function problemLines(problems: Problems, limit = problems.shown.length): string[] {
  if (problems.total === 0) return [];
  const shown = problems.shown.slice(0, limit);
  const rest = problems.total - shown.length;
  return [
    `${problems.total === 1 ? "1 record" : `${problems.total} records`} not imported:`,
    ...shown.map((line) => `  ${line}`),
    ...(rest > 0 ? [`  … and ${rest} more`] : []),
  ];
}

/** The run record's error text: why the run failed (if it did), then the records it could not import. */
export function runErrorText(failure: string | null, problems: Problems): string | null {
  const lines = [...(failure === null ? [] : [failure]), ...problemLines(problems)];
  return lines.length > 0 ? lines.join("\n") : null;
}
