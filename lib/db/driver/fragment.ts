// Statements composed of parts (search probes, the admin list's conditions): text and
// values kept together until the whole statement is known, then numbered `$1…$n` in
// order (compileFragment), the driver's one placeholder convention.
import type { SqlTx } from "./statements";
import type { ColumnKinds, SqlValue } from "./values";

export class SqlFragment {
  constructor(
    readonly strings: readonly string[],
    readonly values: readonly (SqlValue | SqlFragment)[],
  ) {}
}

/** fragment`… ${value} …`: values become parameters, nested fragments are spliced in. */
export function fragment(strings: TemplateStringsArray, ...values: (SqlValue | SqlFragment)[]): SqlFragment {
  return new SqlFragment([...strings], values);
}

/** Text spliced in as is: constants of the calling module only, never input. */
export function rawFragment(text: string): SqlFragment {
  return new SqlFragment([text], []);
}

export const emptyFragment = rawFragment("");

export function joinFragments(parts: readonly SqlFragment[], separator: string): SqlFragment {
  if (parts.length === 0) return emptyFragment;
  return new SqlFragment(["", ...parts.slice(1).map(() => separator), ""], parts);
}

/** The statement's text with `$1…$n` and its values in that order. */
export function compileFragment(whole: SqlFragment): { text: string; values: SqlValue[] } {
  const values: SqlValue[] = [];
  const write = (part: SqlFragment): string => {
    let text = part.strings[0] ?? "";
    part.values.forEach((value, i) => {
      if (value instanceof SqlFragment) text += write(value);
      else text += `$${values.push(value)}`;
      text += part.strings[i + 1] ?? "";
    });
    return text;
  };
  return { text: write(whole), values };
}

/** Runs a composed statement. */
export function queryFragment<Row>(sql: SqlTx, whole: SqlFragment, kinds?: ColumnKinds<Row>): Promise<Row[]> {
  const { text, values } = compileFragment(whole);
  return sql.query<Row>(text, values, kinds);
}
