import { describe, expect, it } from "vitest";
import {
  checkSignInLimit,
  limitVerdict,
  loginWindowMs,
  maxLoginFailures,
  noteSignInFailure,
  noteSignInSuccess,
} from "./rate-limit";

const now = new Date("2026-12-01T12:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);

describe("limitVerdict", () => {
  it("allows up to nine failures in the window", () => {
    expect(limitVerdict([], now)).toEqual({ limited: false });
    expect(
      limitVerdict(
        Array.from({ length: maxLoginFailures - 1 }, (_, i) => ago(i * 1000)),
        now,
      ),
    ).toEqual({ limited: false });
  });
  it("refuses after ten, until the oldest of them leaves the window", () => {
    const ten = Array.from({ length: 10 }, (_, i) => ago(i * 60_000)); // newest first, oldest 9 minutes ago
    expect(limitVerdict(ten, now)).toEqual({ limited: true, retryAfterSeconds: 6 * 60 });
  });
  it("does not count failures older than the window", () => {
    const times = [...Array.from({ length: 9 }, () => ago(1000)), ago(loginWindowMs)];
    expect(limitVerdict(times, now)).toEqual({ limited: false });
  });
});

describe("checkSignInLimit (database)", () => {
  const unique = () => `${Math.random().toString(36).slice(2)}`;

  it("limits one email across addresses, and one address across emails", async () => {
    const email = `limit-${unique()}@example.com`;
    const address = `198.51.100.${unique()}`;
    for (let i = 0; i < maxLoginFailures; i++) {
      expect((await checkSignInLimit({ email, clientAddress: `10.0.0.${i}-${unique()}` }, now)).limited).toBe(false);
      await noteSignInFailure({ email, clientAddress: `10.0.0.${i}-${unique()}` }, ago(1000));
      await noteSignInFailure({ email: `other-${i}-${unique()}@example.com`, clientAddress: address }, ago(1000));
    }
    expect(await checkSignInLimit({ email, clientAddress: `fresh-${unique()}` }, now)).toEqual({
      limited: true,
      retryAfterSeconds: 15 * 60 - 1,
    });
    expect(
      (await checkSignInLimit({ email: `new-${unique()}@example.com`, clientAddress: address }, now)).limited,
    ).toBe(true);
    expect((await checkSignInLimit({ clientAddress: address }, now)).limited).toBe(true);
    // After the window, both are free again.
    const later = new Date(now.getTime() + loginWindowMs);
    expect((await checkSignInLimit({ email, clientAddress: address }, later)).limited).toBe(false);
  });

  it("forgets an account's failures when it signs in", async () => {
    const email = `forget-${unique()}@example.com`;
    for (let i = 0; i < maxLoginFailures; i++)
      await noteSignInFailure({ email, clientAddress: `a-${unique()}` }, ago(1000));
    expect((await checkSignInLimit({ email, clientAddress: "b" }, now)).limited).toBe(true);
    await noteSignInSuccess(email);
    expect((await checkSignInLimit({ email, clientAddress: "b" }, now)).limited).toBe(false);
  });
});
