import { describe, expect, it } from "vitest";
import { rawQueryOf } from "./raw-query";

describe("rawQueryOf", () => {
  it("returns the query undecoded, + and %XX as sent", () => {
    expect(rawQueryOf("http://h/p?q=red+fox&b=%2B%20&c")).toBe("q=red+fox&b=%2B%20&c");
  });

  it("is empty without a query, and stops at a fragment", () => {
    expect(rawQueryOf("http://h/p")).toBe("");
    expect(rawQueryOf("http://h/p?")).toBe("");
    expect(rawQueryOf("http://h/p?a=1#x?y")).toBe("a=1");
  });

  it("keeps a ? inside the query", () => {
    expect(rawQueryOf("http://h/p?a=?&b=1")).toBe("a=?&b=1");
  });
});
