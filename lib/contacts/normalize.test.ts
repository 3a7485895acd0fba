import { describe, expect, it } from "vitest";
import { foldText, normalizeEmail, personDisplayName, phoneDigits, splitName } from "./normalize";

describe("foldText", () => {
  it("removes accents and case so that names match as people expect", () => {
    expect(foldText("José Álvarez")).toBe("jose alvarez");
    expect(foldText("ZOË  Müller-Lüdenscheidt")).toBe("zoe muller-ludenscheidt");
    expect(foldText("  Ñandú\tÇa  ")).toBe("nandu ca");
  });
  it("folds compatibility forms", () => {
    expect(foldText("ﬁnance Ⅳ")).toBe("finance iv");
  });
});

describe("normalizeEmail and phoneDigits", () => {
  it("lower-cases and trims emails", () => {
    expect(normalizeEmail("  Jane.Doe@Example.COM ")).toBe("jane.doe@example.com");
  });
  it("keeps only digits of phones", () => {
    expect(phoneDigits("+1 (555) 123-4567")).toBe("15551234567");
    expect(phoneDigits("ext.")).toBe("");
  });
});

describe("splitName", () => {
  it("takes the last word as the last name", () => {
    expect(splitName("Ana María López")).toEqual({ firstName: "Ana María", lastName: "López" });
    expect(splitName("Prince")).toEqual({ firstName: "Prince", lastName: null });
    expect(splitName("   ")).toEqual({ firstName: null, lastName: null });
  });
});

describe("personDisplayName", () => {
  it("joins names, else falls back", () => {
    expect(personDisplayName({ firstName: "Jane", lastName: "Doe" })).toBe("Jane Doe");
    expect(personDisplayName({ firstName: " ", lastName: null, fallback: "jane@example.com" })).toBe(
      "jane@example.com",
    );
    expect(personDisplayName({})).toBe("Unnamed contact");
  });
});
