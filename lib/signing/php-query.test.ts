import { describe, expect, it } from "vitest";
import { parseQueryPairs, phpBuildQuery, phpCanonicalQuery, phpUrlDecode, phpUrlEncode } from "./php-query";

// Expected strings follow PHP's documented rules for urlencode / http_build_query
// (PHP_QUERY_RFC1738): space → "+", A–Z a–z 0–9 - _ . kept, every other byte → %XX upper case.
describe("phpUrlEncode", () => {
  it.each([
    ["red fox", "red+fox"],
    ["a+b", "a%2Bb"],
    ["a&b=c", "a%26b%3Dc"],
    ["~tilde*star", "%7Etilde%2Astar"],
    [`"double" 'single'`, "%22double%22+%27single%27"],
    ["safe-_.chars", "safe-_.chars"],
    ["AZaz09", "AZaz09"],
    ["", ""],
    ["100%", "100%25"],
    ["é", "%C3%A9"],
    ["José Müller", "Jos%C3%A9+M%C3%BCller"],
    ["😀", "%F0%9F%98%80"],
    ["e\u0301", "e%CC%81"],
    ["a/b?c#d", "a%2Fb%3Fc%23d"],
    ["tab\tnew\nline", "tab%09new%0Aline"],
    ["!$'()*,;:@[]", "%21%24%27%28%29%2A%2C%3B%3A%40%5B%5D"],
  ])("%j → %j", (value, expected) => {
    expect(phpUrlEncode(value)).toBe(expected);
  });

  it("encodes raw bytes that are not UTF-8, as PHP does for any string", () => {
    expect(phpUrlEncode(Uint8Array.from([0xe9, 0x00, 0xff]))).toBe("%E9%00%FF");
  });
});

describe("phpBuildQuery", () => {
  it("matches the seed's example: q=red&expires=1500472622", () => {
    expect(
      phpBuildQuery([
        ["q", "red"],
        ["expires", "1500472622"],
      ]),
    ).toBe("q=red&expires=1500472622");
  });

  it("encodes keys like values, keeps order and repeated keys, writes empty values as k=", () => {
    expect(
      phpBuildQuery([
        ["b key", "2"],
        ["a", ""],
        ["b key", "x y"],
        ["ü", "&="],
      ]),
    ).toBe("b+key=2&a=&b+key=x+y&%C3%BC=%26%3D");
  });

  it("is empty for no parameters", () => {
    expect(phpBuildQuery([])).toBe("");
  });
});

describe("phpUrlDecode", () => {
  const text = (value: string) => Buffer.from(phpUrlDecode(value)).toString("utf8");

  it("turns + into a space and %XX (either case) into bytes", () => {
    expect(text("red+fox")).toBe("red fox");
    expect(text("red%20fox")).toBe("red fox");
    expect(text("%c3%a9%C3%A9")).toBe("éé");
    expect(text("a%2Bb")).toBe("a+b");
  });

  it("keeps a % that does not start a hex pair, as PHP's urldecode does", () => {
    expect(text("100%")).toBe("100%");
    expect(text("%zz%4")).toBe("%zz%4");
    expect(text("%%41")).toBe("%A");
  });

  it("reads characters a client did not encode as their UTF-8 bytes", () => {
    expect(Buffer.from(phpUrlDecode("é😀")).toString("hex")).toBe("c3a9f09f9880");
  });

  it("keeps bytes that are not UTF-8", () => {
    expect(Array.from(phpUrlDecode("%E9%FF"))).toEqual([0xe9, 0xff]);
  });
});

describe("parseQueryPairs", () => {
  it("keeps the order received, repeated keys, and values without =", () => {
    const pairs = parseQueryPairs("q=red+fox&expires=12&q=2&flag&x=a=b");
    expect(pairs.map((p) => [p.key, p.value])).toEqual([
      ["q", "red fox"],
      ["expires", "12"],
      ["q", "2"],
      ["flag", ""],
      ["x", "a=b"],
    ]);
  });

  it("skips empty segments and empty keys, as parse_str does", () => {
    expect(parseQueryPairs("&&=orphan&a=1&").map((p) => [p.key, p.value])).toEqual([["a", "1"]]);
    expect(parseQueryPairs("")).toEqual([]);
  });

  it("re-encodes to the same canonical string whichever way the host encoded", () => {
    const forms = ["q=red%20fox&expires=1", "q=red+fox&expires=1", "q=red fox&expires=1", "q=r%65d+fox&expires=%31"];
    for (const raw of forms) expect(phpCanonicalQuery(parseQueryPairs(raw))).toBe("q=red+fox&expires=1");
  });

  it("re-encodes invalid UTF-8 and stray % exactly as PHP would sign them", () => {
    expect(phpCanonicalQuery(parseQueryPairs("d=%E9&c=%zz&t=~*"))).toBe("d=%E9&c=%25zz&t=%7E%2A");
  });
});
