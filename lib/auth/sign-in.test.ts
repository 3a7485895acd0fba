import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { upsertStaffUser } from "@/lib/db/staff-users";
import { hashSessionToken } from "./session-token";
import { endStaffSession, resolveStaffSession, sessionIdleMs } from "./sessions";
import { signIn } from "./sign-in";

const unique = () => Math.random().toString(36).slice(2);
const password = "a-long-enough-password";

async function staffUser() {
  const email = `staff-${unique()}@example.com`;
  const user = await upsertStaffUser(email, password);
  return { ...user, email };
}

describe("signIn", () => {
  it("opens a session stored only by its hash, and records the sign-in", async () => {
    const user = await staffUser();
    const result = await signIn({ email: `  ${user.email.toUpperCase()} `, password }, `addr-${unique()}`);
    if (!result.ok) throw new Error(result.message);
    const row = await db().staffSession.findUnique({ where: { tokenHash: hashSessionToken(result.token) } });
    expect(row?.userId).toBe(user.id);
    expect(await db().staffSession.count({ where: { tokenHash: result.token } })).toBe(0);
    expect(await resolveStaffSession(result.token)).toEqual({ id: user.id, email: user.email, name: null });
    const audit = await db().auditEvent.findFirst({ where: { entityId: user.id, action: "staff.sign_in" } });
    expect(audit?.actorId).toBe(user.id);
  });

  it("answers a wrong password and an unknown email alike, and counts both", async () => {
    const user = await staffUser();
    const address = `addr-${unique()}`;
    const wrong = await signIn({ email: user.email, password: "not-the-password" }, address);
    const unknown = await signIn({ email: `nobody-${unique()}@example.com`, password }, address);
    expect(wrong).toEqual({
      ok: false,
      status: 401,
      code: "unauthorized",
      message: "That email and password do not match an account.",
    });
    expect(unknown).toEqual(wrong);
    expect(await db().loginFailure.count({ where: { clientAddress: address } })).toBe(2);
  });

  it("puts validation errors beside their fields, without counting a failure", async () => {
    const address = `addr-${unique()}`;
    const result = await signIn({ email: "not-an-email", password: "" }, address);
    expect(result).toMatchObject({
      ok: false,
      status: 400,
      fieldErrors: { email: "Enter a valid email address.", password: "Enter your password." },
    });
    expect(await signIn({ email: undefined, password: 42 }, address)).toMatchObject({
      status: 400,
      fieldErrors: { email: expect.any(String), password: expect.any(String) },
    });
    expect(await db().loginFailure.count({ where: { clientAddress: address } })).toBe(0);
  });

  it("refuses with 429 after ten failures for an email, even with the right password", async () => {
    const user = await staffUser();
    for (let i = 0; i < 10; i++) {
      expect(await signIn({ email: user.email, password: `wrong-${i}` }, `addr-${unique()}`)).toMatchObject({
        status: 401,
      });
    }
    const limited = await signIn({ email: user.email, password }, `addr-${unique()}`);
    expect(limited).toMatchObject({
      ok: false,
      status: 429,
      code: "rate_limited",
      message: "Too many failed sign-ins. Try again in 15 minutes.",
    });
    // A later moment past the window lets the right password in again.
    const later = await signIn(
      { email: user.email, password },
      `addr-${unique()}`,
      new Date(Date.now() + 15 * 60 * 1000 + 1000),
    );
    expect(later.ok).toBe(true);
  });

  it("refuses with 429 after ten failures from one address, whichever email", async () => {
    const user = await staffUser();
    const address = `addr-${unique()}`;
    for (let i = 0; i < 10; i++) await signIn({ email: `guess-${i}-${unique()}@example.com`, password }, address);
    expect(await signIn({ email: user.email, password }, address)).toMatchObject({ status: 429 });
    expect(await signIn({ email: user.email, password }, `addr-${unique()}`)).toMatchObject({ ok: true });
  });
});

describe("staff sessions", () => {
  it("expire after 12 idle hours, are extended by use, and end at sign-out", async () => {
    const user = await staffUser();
    const start = new Date();
    const result = await signIn({ email: user.email, password }, `addr-${unique()}`, start);
    if (!result.ok) throw new Error(result.message);
    const at = (ms: number) => new Date(start.getTime() + ms);
    expect(await resolveStaffSession(result.token, at(sessionIdleMs - 1000))).not.toBeNull(); // extends
    expect(await resolveStaffSession(result.token, at(sessionIdleMs + 60_000))).not.toBeNull();
    expect(await resolveStaffSession(result.token, at(3 * sessionIdleMs))).toBeNull();
    expect(await endStaffSession(result.token)).toBe(user.id);
    expect(await resolveStaffSession(result.token, at(1000))).toBeNull();
  });

  it("end after seven days however active", async () => {
    const user = await staffUser();
    const start = new Date();
    const result = await signIn({ email: user.email, password }, `addr-${unique()}`, start);
    if (!result.ok) throw new Error(result.message);
    const day = 24 * 60 * 60 * 1000;
    for (let d = 0.4; d < 7; d += 0.4)
      expect(await resolveStaffSession(result.token, new Date(start.getTime() + d * day))).not.toBeNull();
    expect(await resolveStaffSession(result.token, new Date(start.getTime() + 7 * day + 1000))).toBeNull();
  });

  it("refuses malformed and unknown tokens", async () => {
    expect(await resolveStaffSession(undefined)).toBeNull();
    expect(await resolveStaffSession("nope")).toBeNull();
    expect(await resolveStaffSession("A".repeat(43))).toBeNull();
  });
});
