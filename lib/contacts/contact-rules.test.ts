import { describe, expect, it } from "vitest";
import {
  type MatchCandidate,
  type MatchKeys,
  addBatchCandidate,
  candidateKey,
  chooseMatch,
  emailKey,
  findMatch,
  matchKeysOf,
  matchKeysOfValues,
  normalizeContact,
  normalizeEmails,
  normalizePhones,
  olderFirst,
  phoneKey,
} from "./contact-rules";

describe("emailKey and phoneKey", () => {
  it("lower-case and trim an address; refuse blank and ones not shaped like an address", () => {
    expect(emailKey("  Jane.Doe@Example.COM ")).toBe("jane.doe@example.com");
    for (const bad of ["", "   ", "not given", "jane@", "@example.com", "jane@example", "ja ne@example.com", null]) {
      expect(emailKey(bad)).toBeNull();
    }
  });
  it("keep a number's digits; refuse one without digits", () => {
    expect(phoneKey("+1 (555) 123-4567")).toBe("15551234567");
    expect(phoneKey("n/a")).toBeNull();
    expect(phoneKey("")).toBeNull();
    expect(phoneKey(undefined)).toBeNull();
  });
});

describe("normalizeEmails", () => {
  it("keeps each address once, as first given (trimmed), with its label", () => {
    expect(
      normalizeEmails([
        { email: " Ana@Example.com ", label: "work" },
        { email: "ana@example.COM", label: "home" },
        { email: "ana@home.org" },
      ]),
    ).toEqual([
      { email: "Ana@Example.com", emailLower: "ana@example.com", label: "work", isPrimary: true },
      { email: "ana@home.org", emailLower: "ana@home.org", label: null, isPrimary: false },
    ]);
  });
  it("drops blank and unusable addresses", () => {
    expect(normalizeEmails([{ email: "" }, { email: "  " }, { email: "none" }])).toEqual([]);
  });
  it("makes an address primary when any of its copies is marked so", () => {
    const rows = normalizeEmails([{ email: "a@x.org" }, { email: "b@x.org" }, { email: "A@X.org", isPrimary: true }]);
    expect(rows.map((r) => [r.email, r.isPrimary])).toEqual([
      ["a@x.org", true],
      ["b@x.org", false],
    ]);
  });
  it("has exactly one primary: the first marked, else the first", () => {
    const two = normalizeEmails([
      { email: "a@x.org" },
      { email: "b@x.org", isPrimary: true },
      { email: "c@x.org", isPrimary: true },
    ]);
    expect(two.map((r) => r.isPrimary)).toEqual([false, true, false]);
    const none = normalizeEmails([{ email: "bad" }, { email: "a@x.org" }, { email: "b@x.org" }]);
    expect(none.map((r) => r.isPrimary)).toEqual([true, false]);
  });
  it("does not count a dropped address's mark", () => {
    const rows = normalizeEmails([{ email: "bad", isPrimary: true }, { email: "a@x.org" }, { email: "b@x.org" }]);
    expect(rows.map((r) => r.isPrimary)).toEqual([true, false]);
  });
});

describe("normalizePhones", () => {
  it("keeps each number once by its digits, as first given (trimmed), with its type", () => {
    expect(
      normalizePhones([
        { phone: " +91 98765-43210 ", type: "mobile" },
        { phone: "+91 9876543210", type: "work", isPrimary: true },
        { phone: "ext." },
        { phone: "020 7946 0000" },
      ]),
    ).toEqual([
      { phone: "+91 98765-43210", digits: "919876543210", type: "mobile", isPrimary: true },
      { phone: "020 7946 0000", digits: "02079460000", type: null, isPrimary: false },
    ]);
  });
  it("has exactly one primary: the first marked, else the first", () => {
    expect(normalizePhones([{ phone: "1" }, { phone: "2" }]).map((p) => p.isPrimary)).toEqual([true, false]);
    expect(
      normalizePhones([{ phone: "1" }, { phone: "2", isPrimary: true }, { phone: "3", isPrimary: true }]).map(
        (p) => p.isPrimary,
      ),
    ).toEqual([false, true, false]);
    expect(normalizePhones([])).toEqual([]);
  });
});

describe("normalizeContact", () => {
  it("names a person by first and last name, trimmed, and folds it for search", () => {
    const c = normalizeContact({ kind: "person", firstName: " José ", lastName: "Álvarez  ", name: "ignored" });
    expect(c).toMatchObject({
      kind: "person",
      firstName: "José",
      lastName: "Álvarez",
      displayName: "José Álvarez",
      searchName: "jose alvarez",
    });
  });
  it("names a person without a name by their first usable email, else phone", () => {
    expect(
      normalizeContact({ kind: "person", firstName: " ", emails: [{ email: "bad" }, { email: "Z@X.org" }] })
        .displayName,
    ).toBe("Z@X.org");
    expect(normalizeContact({ kind: "person", phones: [{ phone: " +44 20 " }] }).displayName).toBe("+44 20");
    expect(normalizeContact({ kind: "person" }).displayName).toBe("Unnamed contact");
  });
  it("gives a company its name and no first or last name", () => {
    expect(normalizeContact({ kind: "company", name: " Acme Ltd ", firstName: "x", lastName: "y" })).toMatchObject({
      firstName: null,
      lastName: null,
      displayName: "Acme Ltd",
      searchName: "acme ltd",
    });
    expect(normalizeContact({ kind: "company", name: "  " }).displayName).toBe("Unnamed company");
  });
});

describe("match keys", () => {
  it("are the stored keys of the contact, each once, in the order given", () => {
    const input = {
      kind: "person" as const,
      emails: [{ email: "B@x.org" }, { email: "a@x.org", isPrimary: true }, { email: "b@X.org" }],
      phones: [{ phone: "+1 555" }, { phone: "none" }, { phone: "1-555" }, { phone: "2" }],
    };
    const expected = { kind: "person", emails: ["b@x.org", "a@x.org"], digits: ["1555", "2"] };
    expect(matchKeysOf(input)).toEqual(expected);
    expect(matchKeysOf(normalizeContact(input))).toEqual(expected);
  });
  it("of raw values follow the same rules", () => {
    expect(matchKeysOfValues("company", [" Info@X.org", "info@x.org", "nope"], ["(020) 1", "0201", "ext"])).toEqual({
      kind: "company",
      emails: ["info@x.org"],
      digits: ["0201"],
    });
  });
});

function candidates(
  entries: [kind: "person" | "company", via: "email" | "phone", key: string, id: string, at: number][],
) {
  return new Map<string, MatchCandidate>(
    entries.map(([kind, via, key, contactId, createdAt]) => [candidateKey(kind, via, key), { contactId, createdAt }]),
  );
}

describe("chooseMatch", () => {
  const keys: MatchKeys = { kind: "person", emails: ["a@x.org", "b@x.org"], digits: ["111", "222"] };

  it("takes a contact having the email before one having the phone, even an older one", () => {
    const found = candidates([
      ["person", "phone", "111", "phone-old", 1],
      ["person", "email", "b@x.org", "email-new", 9],
    ]);
    expect(chooseMatch(keys, found)).toBe("email-new");
  });
  it("takes the oldest of the contacts having one of the emails, whatever the order of the keys", () => {
    const found = candidates([
      ["person", "email", "a@x.org", "newer", 5],
      ["person", "email", "b@x.org", "older", 2],
    ]);
    expect(chooseMatch(keys, found)).toBe("older");
  });
  it("falls back to the oldest contact having one of the phones", () => {
    const found = candidates([
      ["person", "phone", "111", "newer", 5],
      ["person", "phone", "222", "older", 2],
    ]);
    expect(chooseMatch(keys, found)).toBe("older");
  });
  it("breaks a tie of age by the smaller id", () => {
    const found = candidates([
      ["person", "phone", "222", "b", 3],
      ["person", "phone", "111", "c", 3],
      ["person", "email", "zzz@x.org", "a", 3],
    ]);
    expect(chooseMatch(keys, found)).toBe("b");
  });
  it("matches only contacts of the record's kind", () => {
    const found = candidates([
      ["company", "email", "a@x.org", "acme", 1],
      ["person", "phone", "111", "ann", 2],
    ]);
    expect(chooseMatch(keys, found)).toBe("ann");
    expect(chooseMatch({ ...keys, kind: "company" }, found)).toBe("acme");
  });
  it("skips contacts the source excludes, falling back to the next rule", () => {
    const found = candidates([
      ["person", "email", "a@x.org", "claimed", 1],
      ["person", "phone", "111", "free", 2],
    ]);
    expect(chooseMatch(keys, found, (id) => id !== "claimed")).toBe("free");
    expect(chooseMatch(keys, found, () => false)).toBeNull();
  });
  it("is null without keys or candidates", () => {
    expect(chooseMatch(keys, new Map())).toBeNull();
    expect(
      chooseMatch({ kind: "person", emails: [], digits: [] }, candidates([["person", "phone", "", "x", 1]])),
    ).toBeNull();
  });
});

describe("addBatchCandidate", () => {
  it("lets later records of a batch match a contact made in it, never before an existing one", () => {
    const found = candidates([["person", "phone", "111", "existing", 1]]);
    addBatchCandidate(found, { kind: "person", emails: ["new@x.org"], digits: ["111", "333"] }, "made-1");
    addBatchCandidate(found, { kind: "person", emails: ["new@x.org"], digits: ["444"] }, "made-2");
    expect(chooseMatch({ kind: "person", emails: [], digits: ["111"] }, found)).toBe("existing");
    expect(chooseMatch({ kind: "person", emails: [], digits: ["333"] }, found)).toBe("made-1");
    expect(chooseMatch({ kind: "person", emails: ["new@x.org"], digits: [] }, found)).toBe("made-1");
    expect(chooseMatch({ kind: "person", emails: [], digits: ["444", "333"] }, found)).toBe("made-1");
    expect(chooseMatch({ kind: "company", emails: ["new@x.org"], digits: [] }, found)).toBeNull();
  });
});

describe("olderFirst", () => {
  it("orders by age, then id; contacts of this batch (Infinity) after existing ones", () => {
    const list: MatchCandidate[] = [
      { contactId: "b", createdAt: Number.POSITIVE_INFINITY },
      { contactId: "a", createdAt: Number.POSITIVE_INFINITY },
      { contactId: "z", createdAt: 7 },
      { contactId: "y", createdAt: 7 },
    ];
    expect(list.sort(olderFirst).map((c) => c.contactId)).toEqual(["y", "z", "a", "b"]);
  });
});

describe("findMatch", () => {
  it("asks emails first and stops at the first answer", async () => {
    const asked: string[] = [];
    const oldest = (answers: Record<string, string | null>) => (via: "email" | "phone", keys: string[]) => {
      asked.push(`${via}:${keys.join(",")}`);
      return Promise.resolve(answers[via] ?? null);
    };
    const keys: MatchKeys = { kind: "person", emails: ["a@x.org"], digits: ["111"] };
    expect(await findMatch(keys, oldest({ email: "e", phone: "p" }))).toBe("e");
    expect(asked).toEqual(["email:a@x.org"]);
    asked.length = 0;
    expect(await findMatch(keys, oldest({ phone: "p" }))).toBe("p");
    expect(asked).toEqual(["email:a@x.org", "phone:111"]);
    asked.length = 0;
    expect(await findMatch({ kind: "person", emails: [], digits: [] }, oldest({ email: "e" }))).toBeNull();
    expect(asked).toEqual([]);
  });
});
