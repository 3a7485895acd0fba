import { describe, expect, it } from "vitest";
import type { RequestFields } from "@/lib/http/request-body";
import { parseRegisterRequest } from "./register-request";

const token = "a".repeat(64);
const value = { systemUrl: "https://demo.retailcrm.ru", apiKey: "key-123", token };

const form = (entries: [string, string][]): RequestFields => {
  const fields = new Map<string, string[]>();
  for (const [k, v] of entries) fields.set(k, [...(fields.get(k) ?? []), v]);
  return { kind: "form", fields };
};
const json = (body: unknown): RequestFields => ({ kind: "json", value: body });

describe("parseRegisterRequest", () => {
  it("reads the form field register holding a JSON string (what retailCRM sends)", () => {
    expect(parseRegisterRequest(form([["register", JSON.stringify(value)]]))).toEqual({ ok: true, value });
  });

  it("reads register[…] form fields", () => {
    const fields = form([
      ["register[systemUrl]", value.systemUrl],
      ["register[apiKey]", value.apiKey],
      ["register[token]", value.token],
    ]);
    expect(parseRegisterRequest(fields)).toEqual({ ok: true, value });
  });

  it("reads a JSON body with register as an object or as a JSON string", () => {
    expect(parseRegisterRequest(json({ register: value }))).toEqual({ ok: true, value });
    expect(parseRegisterRequest(json({ register: JSON.stringify(value) }))).toEqual({ ok: true, value });
  });

  it("trims values and ignores unknown fields", () => {
    const padded = { ...value, systemUrl: ` ${value.systemUrl} `, extra: 1 };
    expect(parseRegisterRequest(json({ register: padded }))).toEqual({ ok: true, value });
  });

  it("names every missing field", () => {
    expect(parseRegisterRequest(form([]))).toEqual({ ok: false, message: "register is missing." });
    expect(parseRegisterRequest(form([["register[systemUrl]", value.systemUrl]]))).toEqual({
      ok: false,
      message: "register[apiKey] and register[token] are missing.",
    });
    expect(parseRegisterRequest(json({ register: { ...value, token: "  " } }))).toEqual({
      ok: false,
      message: "register[token] is missing.",
    });
    expect(parseRegisterRequest(json({ nothing: true }))).toEqual({ ok: false, message: "register is missing." });
  });

  it("refuses malformed values with a message naming the field", () => {
    const bad = (register: unknown) => parseRegisterRequest(json({ register }));
    expect(bad("{not json")).toEqual({
      ok: false,
      message: expect.stringMatching(/^register is not valid JSON/) as string,
    });
    expect(bad([1, 2])).toEqual({ ok: false, message: expect.stringMatching(/^register must be an object/) as string });
    expect(bad({ ...value, apiKey: 42 })).toEqual({ ok: false, message: "register[apiKey] must be text." });
    expect(bad({ ...value, token: "not-hex" })).toEqual({
      ok: false,
      message: expect.stringMatching(/^register\[token\] is not a valid token/) as string,
    });
    expect(bad({ ...value, apiKey: "has space" })).toEqual({
      ok: false,
      message: expect.stringMatching(/^register\[apiKey\] contains/) as string,
    });
    expect(bad({ ...value, apiKey: "k".repeat(513) })).toEqual({
      ok: false,
      message: expect.stringMatching(/^register\[apiKey\] is too long/) as string,
    });
    expect(parseRegisterRequest(form([["register", "[]"]]))).toEqual({
      ok: false,
      message: expect.stringMatching(/^register must be a JSON object/) as string,
    });
  });

  it("refuses a field sent twice", () => {
    expect(
      parseRegisterRequest(
        form([
          ["register", "{}"],
          ["register", "{}"],
        ]),
      ),
    ).toEqual({
      ok: false,
      message: 'The parameter "register" appears 2 times; send it once.',
    });
    expect(
      parseRegisterRequest(
        form([
          ["register[systemUrl]", value.systemUrl],
          ["register[apiKey]", "a"],
          ["register[apiKey]", "b"],
          ["register[token]", token],
        ]),
      ),
    ).toEqual({ ok: false, message: 'The parameter "register[apiKey]" appears 2 times; send it once.' });
  });
});
