// Composed statements are numbered `$1…$n` in the order their values appear, nested
// fragments and joins included, and run with those values on the engine of this test run.
import { describe, expect, it } from "vitest";
import { useOwnDatabase } from "@/tests/support/own-database";
import { compileFragment, emptyFragment, fragment, joinFragments, queryFragment, rawFragment, sqlFor } from "./index";

const database = useOwnDatabase();

describe("compileFragment", () => {
  it("numbers values in order of appearance through nested fragments and joins", () => {
    const conditions = [fragment`"a" = ${"x"}`, fragment`"b" > ${2}`, fragment`"c" IS NULL`];
    const whole = fragment`SELECT ${rawFragment(`"id"`)} FROM "T" WHERE ${joinFragments(conditions, " AND ")} LIMIT ${10}${emptyFragment}`;
    expect(compileFragment(whole)).toEqual({
      text: `SELECT "id" FROM "T" WHERE "a" = $1 AND "b" > $2 AND "c" IS NULL LIMIT $3`,
      values: ["x", 2, 10],
    });
  });

  it("gives a value used twice two numbers, and an empty join no text", () => {
    const name = "n";
    expect(compileFragment(fragment`${name} ${joinFragments([], ", ")}${name}`)).toEqual({
      text: "$1 $2",
      values: ["n", "n"],
    });
  });
});

describe("queryFragment", () => {
  it("binds each value to its own number on this engine", async () => {
    const sql = sqlFor(database.url);
    const [row] = await queryFragment<{ a: string; b: string; n: number }>(
      sql,
      fragment`SELECT CAST(${"first"} AS TEXT) AS "a", CAST(${"second"} AS TEXT) AS "b", COUNT(*) AS "n" FROM "Contact" WHERE ${joinFragments([fragment`"id" = ${"none"}`], " AND ")}`,
      { n: "number" },
    );
    expect(row).toEqual({ a: "first", b: "second", n: 0 });
  });
});
