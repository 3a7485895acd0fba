import { describe, expect, it } from "vitest";
import { ftsPhrase, likeLiteral } from "./term";

describe("likeLiteral", () => {
  it("escapes LIKE's wildcards and its escape character", () => {
    expect(likeLiteral("100%_a\\b")).toBe("100\\%\\_a\\\\b");
    expect(likeLiteral("plain")).toBe("plain");
  });
});

describe("ftsPhrase", () => {
  it("quotes the text as one phrase, doubling quotes", () => {
    expect(ftsPhrase('say "hi" OR x*')).toBe('"say ""hi"" OR x*"');
  });

  it("restricts the phrase to columns", () => {
    expect(ftsPhrase(" jo", ["name"])).toBe('{name} : " jo"');
    expect(ftsPhrase("abc", ["name", "email"])).toBe('{name email} : "abc"');
  });
});
