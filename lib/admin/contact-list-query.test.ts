import { describe, expect, it } from "vitest";
import { contactListHref, decodeCursor, encodeCursor, parseContactListQuery, toListFilter } from "./contact-list-query";

describe("contacts list query", () => {
  it("reads search, kind, source and position", () => {
    const after = encodeCursor({ name: "ana lópez", id: "c1" });
    expect(parseContactListQuery({ q: "  Ana Ló ", kind: "person", source: "housing", after })).toEqual({
      q: "Ana Ló",
      kind: "person",
      source: "housing",
      position: { after: { name: "ana lópez", id: "c1" } },
    });
  });

  it("ignores unknown and malformed values, and takes the first of repeated ones", () => {
    expect(parseContactListQuery({ kind: "robot", source: "myspace", after: "%%%", before: "bm90IGpzb24" })).toEqual({
      q: "",
      kind: "",
      source: "",
      position: {},
    });
    expect(parseContactListQuery({ kind: ["company", "person"] }).kind).toBe("company");
    expect(parseContactListQuery({ q: "x".repeat(500) }).q).toHaveLength(100);
  });

  it("turns kind and source into the list filter", () => {
    expect(toListFilter({ q: "Élodie", kind: "", source: "", position: {} })).toEqual({});
    expect(toListFilter({ q: "", kind: "company", source: "crmcom", position: {} })).toEqual({
      kind: "company",
      source: "crmcom",
    });
  });

  it("round-trips cursors through links", () => {
    const cursor = { name: "名前 & =?", id: "cabc" };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    const href = contactListHref({ q: "ana b", kind: "person", source: "" }, { before: cursor });
    const url = new URL(href, "http://x");
    expect(url.pathname).toBe("/admin/contacts");
    expect(parseContactListQuery(Object.fromEntries(url.searchParams))).toEqual({
      q: "ana b",
      kind: "person",
      source: "",
      position: { before: cursor },
    });
    expect(contactListHref({ q: "", kind: "", source: "" })).toBe("/admin/contacts");
  });
});
