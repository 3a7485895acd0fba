import { describe, expect, it } from "vitest";
import { addProblems, noProblems, problemLines, runErrorText } from "./problems";

describe("problems of a run", () => {
  it("keeps the first ones word for word and counts the rest", () => {
    let problems = addProblems(noProblems, ["a: bad", "b: bad"], 3);
    problems = addProblems(problems, [], 3);
    problems = addProblems(problems, ["c: bad", "d: bad", "e: bad"], 3);
    expect(problems).toEqual({ shown: ["a: bad", "b: bad", "c: bad"], total: 5 });
    expect(noProblems).toEqual({ shown: [], total: 0 });
  });

  it("shortens a very long line", () => {
    const [line] = addProblems(noProblems, ["x".repeat(1000)]).shown;
    expect(line).toHaveLength(300);
    expect(line!.endsWith("…")).toBe(true);
  });

  it("makes the run record's error text: the failure first, then the records not imported", () => {
    const problems = { shown: ["a: bad", "b: bad"], total: 3 };
    expect(problemLines(problems)).toEqual(["3 records not imported:", "  a: bad", "  b: bad", "  … and 1 more"]);
    expect(problemLines(problems, 1)).toEqual(["3 records not imported:", "  a: bad", "  … and 2 more"]);
    expect(runErrorText("unavailable: down", problems)).toBe(
      "unavailable: down\n3 records not imported:\n  a: bad\n  b: bad\n  … and 1 more",
    );
    expect(runErrorText(null, { shown: ["a: bad"], total: 1 })).toBe("1 record not imported:\n  a: bad");
    expect(runErrorText("failed", noProblems)).toBe("failed");
    expect(runErrorText(null, noProblems)).toBeNull();
  });
});
