import { describe, expect, it } from "vitest";
import { rankHit, rankHits, type SearchHit } from "./rank";
import { parseSearchTerm, type SearchTerm } from "./term";

function term(q: string): SearchTerm {
  const parsed = parseSearchTerm(q);
  if (!parsed) throw new Error(`no term for ${JSON.stringify(q)}`);
  return parsed;
}

function nameHit(contactId: string, displayName: string): SearchHit {
  const searchName = displayName.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  return { contactId, displayName, searchName, field: "name", value: searchName };
}

function hit(contactId: string, displayName: string, field: SearchHit["field"], value: string): SearchHit {
  return { ...nameHit(contactId, displayName), field, value };
}

describe("rankHit", () => {
  it("names: equal, starts with, a later word starts with, contains", () => {
    expect(rankHit(nameHit("1", "Red"), term("red"))).toEqual([0, 0]);
    expect(rankHit(nameHit("1", "Redmond Co"), term("red"))).toEqual([1, 0]);
    expect(rankHit(nameHit("1", "Susan Red"), term("red"))).toEqual([1, 1]);
    expect(rankHit(nameHit("1", "Jean-Redon"), term("red"))).toEqual([1, 1]);
    expect(rankHit(nameHit("1", "O'Redly"), term("red"))).toEqual([1, 1]);
    expect(rankHit(nameHit("1", "Alfred"), term("red"))).toEqual([2, 0]);
    expect(rankHit(nameHit("1", "Blue"), term("red"))).toBeNull();
  });

  it("is case- and accent-insensitive on both sides", () => {
    expect(rankHit(nameHit("1", "José Álvarez"), term("JOSE ALVAREZ"))).toEqual([0, 0]);
    expect(rankHit(nameHit("1", "Jose Alvarez"), term("álv"))).toEqual([1, 1]);
    expect(rankHit(hit("1", "X", "email", "josé@exemple.fr"), term("jose@"))).toEqual([1, 2]);
  });

  it("multi-word terms match from any word", () => {
    expect(rankHit(nameHit("1", "Mary Jane Doe"), term("jane d"))).toEqual([1, 1]);
    expect(rankHit(nameHit("1", "Mary Jane Doe"), term("  mary   JANE "))).toEqual([1, 0]);
  });

  it("emails: equal, starts with, contains", () => {
    expect(rankHit(hit("1", "X", "email", "jane@acme.com"), term("Jane@Acme.com"))).toEqual([0, 1]);
    expect(rankHit(hit("1", "X", "email", "jane@acme.com"), term("jane@"))).toEqual([1, 2]);
    expect(rankHit(hit("1", "X", "email", "jane@acme.com"), term("acme"))).toEqual([2, 1]);
    expect(rankHit(hit("1", "X", "email", "jane@acme.com"), term("bob"))).toBeNull();
  });

  it("phones: only when the term is phone-like (digits and + - ( ) . / spaces), by digits", () => {
    const phone = hit("1", "X", "phone", "15551234567");
    expect(rankHit(phone, term("+1 (555) 123-4567"))).toEqual([0, 2]);
    expect(rankHit(phone, term("1-555"))).toEqual([1, 3]);
    expect(rankHit(phone, term("123 45"))).toEqual([2, 2]);
    expect(rankHit(phone, term("jane"))).toBeNull();
    expect(rankHit(phone, term("999"))).toBeNull();
    expect(rankHit(phone, term("suite 1555"))).toBeNull();
    expect(rankHit(phone, term("1555a"))).toBeNull();
  });
});

describe("rankHits", () => {
  it("orders best first: equal, then starts with (name before later word), then anywhere", () => {
    const hits = [
      nameHit("alfred", "Alfred Smith"),
      nameHit("susan", "Susan Red"),
      hit("fred-mail", "Unrelated Person", "email", "fred@example.com"),
      nameHit("redford", "Frank Redford"),
      nameHit("redmond", "Redmond Co"),
      nameHit("red", "Red"),
      nameHit("blue", "Blue"),
    ];
    expect(rankHits(hits, term("red"), 20).map((r) => r.id)).toEqual([
      "red",
      "redmond",
      "redford",
      "susan",
      "alfred",
      "fred-mail",
    ]);
  });

  it("ranks a contact by its best hit, once", () => {
    const hits = [
      hit("a", "Zed", "email", "zed@red.example"),
      nameHit("b", "Bob Redding"),
      hit("a", "Zed", "email", "red@zed.example"),
    ];
    expect(rankHits(hits, term("red"), 20)).toEqual([
      { id: "b", name: "Bob Redding" },
      { id: "a", name: "Zed" },
    ]);
  });

  it("breaks ties by folded name then id, and stops at the limit", () => {
    const hits = ["Ana C", "Ána B", "Ana A", "Ana A"].map((n, i) => nameHit(`id${3 - i}`, n));
    expect(rankHits(hits, term("ana"), 3).map((r) => [r.id, r.name])).toEqual([
      ["id0", "Ana A"],
      ["id1", "Ana A"],
      ["id2", "Ána B"],
    ]);
  });
});

describe("parseSearchTerm", () => {
  it("is null for an empty or blank term", () => {
    expect(parseSearchTerm("")).toBeNull();
    expect(parseSearchTerm(" \t ")).toBeNull();
  });

  it("folds the text, keeps the lower-cased form and the digits", () => {
    expect(parseSearchTerm(" José  +1 (555) ")).toMatchObject({
      text: "jose +1 (555)",
      lower: "josé  +1 (555)",
      digits: "",
    });
    expect(parseSearchTerm(" +1 (555) 010-99.12 / 3 ")).toMatchObject({ digits: "155501099123" });
    expect(parseSearchTerm("１２３")).toMatchObject({ digits: "123" });
    expect(parseSearchTerm("- ( )")).toMatchObject({ digits: "" });
  });

  it("allows trigram lookups only where an index can serve them", () => {
    expect(parseSearchTerm("j")).toMatchObject({ anywhere: false, wordPrefix: false, digitsAnywhere: false });
    expect(parseSearchTerm("jo")).toMatchObject({ anywhere: false, wordPrefix: true });
    expect(parseSearchTerm("joe")).toMatchObject({ anywhere: true, wordPrefix: true });
    expect(parseSearchTerm("a.b-c")).toMatchObject({ anywhere: false, wordPrefix: false });
    expect(parseSearchTerm("o'brien")).toMatchObject({ anywhere: true, wordPrefix: false });
    expect(parseSearchTerm("55-5")).toMatchObject({ anywhere: false, digitsAnywhere: true, digits: "555" });
    expect(parseSearchTerm("日本語")).toMatchObject({ anywhere: true });
  });
});
