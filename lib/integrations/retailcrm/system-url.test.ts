import { describe, expect, it } from "vitest";
import { systemUrlPolicy, validateSystemUrl } from "./system-url";

const production = { allowLoopback: false };
const tests = { allowLoopback: true };

function origin(raw: string, policy = production): string | null {
  const result = validateSystemUrl(raw, policy);
  return result.ok ? result.origin : null;
}

describe("validateSystemUrl", () => {
  it("accepts an https account address and returns its normalized origin", () => {
    expect(origin("https://demo.retailcrm.ru")).toBe("https://demo.retailcrm.ru");
    expect(origin("https://Demo.RetailCRM.ru/")).toBe("https://demo.retailcrm.ru");
    expect(origin("  https://shop.simla.com:443 ")).toBe("https://shop.simla.com");
    expect(origin("https://crm.example.com:8443")).toBe("https://crm.example.com:8443");
  });

  it("refuses schemes other than https", () => {
    for (const raw of [
      "javascript:alert(1)",
      "file:///etc/passwd",
      "ftp://demo.retailcrm.ru",
      "data:text/plain,x",
      "gopher://a.b",
      "ws://a.b",
    ]) {
      expect(validateSystemUrl(raw, tests)).toEqual({ ok: false, message: expect.stringMatching(/https:\/\//) });
    }
  });

  it("refuses plain http to any host but loopback", () => {
    expect(validateSystemUrl("http://demo.retailcrm.ru", tests)).toEqual({
      ok: false,
      message: "The account address (systemUrl) must use https://.",
    });
    expect(origin("http://10.1.2.3", tests)).toBeNull();
  });

  it("refuses credentials in the address", () => {
    for (const raw of [
      "https://user:pass@demo.retailcrm.ru",
      "https://apikey@demo.retailcrm.ru",
      "https://:p@demo.retailcrm.ru",
    ]) {
      expect(validateSystemUrl(raw, production)).toEqual({
        ok: false,
        message: expect.stringMatching(/user name or password/),
      });
    }
  });

  it("refuses paths, queries, fragments and path tricks", () => {
    for (const raw of [
      "https://demo.retailcrm.ru/api",
      "https://demo.retailcrm.ru/.",
      "https://demo.retailcrm.ru/a/..",
      "https://demo.retailcrm.ru/%2e%2e",
      "https://demo.retailcrm.ru?x=1",
      "https://demo.retailcrm.ru?",
      "https://demo.retailcrm.ru#x",
      "https://demo.retailcrm.ru//evil.example",
    ]) {
      expect(origin(raw), raw).toBeNull();
    }
  });

  it("refuses characters a URL parser would drop or rewrite", () => {
    for (const raw of [
      "https://demo.retail\tcrm.ru",
      "https://demo.retailcrm.ru\n.evil.example",
      "https://evil.example\\@demo.retailcrm.ru",
      "https://démo.retailcrm.ru",
      "https://a b.ru",
    ]) {
      expect(validateSystemUrl(raw, production)).toEqual({ ok: false, message: expect.stringMatching(/characters/) });
    }
  });

  it("refuses private, link-local and loopback addresses in production, in every spelling", () => {
    for (const raw of [
      "https://127.0.0.1",
      "https://2130706433", // 127.0.0.1 as one number
      "https://0x7f.1",
      "https://localhost",
      "https://[::1]",
      "https://[::ffff:127.0.0.1]",
      "https://169.254.169.254",
      "https://10.0.0.5",
      "https://172.20.1.1",
      "https://192.168.1.1",
      "https://[fd00::1]",
      "https://[fe80::1]",
      "https://0.0.0.0",
      "https://intranet",
    ]) {
      expect(origin(raw), raw).toBeNull();
    }
  });

  it("allows loopback, over http too, only when the policy does", () => {
    expect(origin("http://127.0.0.1:4321", tests)).toBe("http://127.0.0.1:4321");
    expect(origin("http://[::1]:4321", tests)).toBe("http://[::1]:4321");
    expect(origin("http://127.0.0.1:4321", production)).toBeNull();
    expect(origin("https://10.0.0.5", tests)).toBeNull();
  });

  it("refuses empty and overlong input", () => {
    expect(origin("")).toBeNull();
    expect(origin(`https://${"a".repeat(2100)}.ru`)).toBeNull();
  });
});

describe("systemUrlPolicy", () => {
  it("allows loopback outside production and for a loopback production server only", () => {
    expect(systemUrlPolicy({ nodeEnv: "test", appBaseUrl: "https://crm.example.com" }).allowLoopback).toBe(true);
    expect(systemUrlPolicy({ nodeEnv: "production", appBaseUrl: "http://127.0.0.1:3000" }).allowLoopback).toBe(true);
    expect(systemUrlPolicy({ nodeEnv: "production", appBaseUrl: "https://crm.example.com" }).allowLoopback).toBe(false);
  });
});
