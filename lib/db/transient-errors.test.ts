import { describe, expect, it } from "vitest";
import { transientDbReason } from "./transient-errors";

const withCode = (message: string, code: string, more: object = {}) =>
  Object.assign(new Error(message), { code, ...more });
// PrismaClientKnownRequestError as the driver adapters report a lost server (shape as observed).
const prismaError = (code: string, cause: object) =>
  Object.assign(new Error("Invalid `client.x()` invocation"), {
    name: "PrismaClientKnownRequestError",
    code,
    meta: { driverAdapterError: { name: "DriverAdapterError", cause } },
  });

describe("transientDbReason", () => {
  it("recognises the database restarting, out of reach or locked, in each layer's shape", () => {
    expect(
      transientDbReason(withCode("connect ECONNREFUSED 127.0.0.1:5432", "ECONNREFUSED", { syscall: "connect" })),
    ).toBe("ECONNREFUSED");
    expect(transientDbReason(withCode("read ECONNRESET", "ECONNRESET"))).toBe("ECONNRESET");
    expect(transientDbReason(new Error("Connection terminated unexpectedly"))).toBe("connection ended");
    expect(transientDbReason(new Error("Client has encountered a connection error and is not queryable"))).toBe(
      "connection ended",
    );
    expect(
      transientDbReason(
        withCode("terminating connection due to administrator command", "57P01", { severity: "FATAL" }),
      ),
    ).toBe("57P01");
    expect(transientDbReason(withCode("the database system is starting up", "57P03"))).toBe("57P03");
    expect(transientDbReason(withCode("database is locked", "SQLITE_BUSY"))).toBe("SQLITE_BUSY");
    expect(
      transientDbReason(prismaError("P1001", { kind: "DatabaseNotReachable", host: "127.0.0.1", port: 5432 })),
    ).toBe("DatabaseNotReachable");
    expect(transientDbReason(prismaError("P1017", { kind: "ConnectionClosed" }))).toBe("ConnectionClosed");
    expect(transientDbReason(prismaError("P2010", { kind: "DatabaseNotReachable" }))).toBe("DatabaseNotReachable");
    expect(transientDbReason(prismaError("P2010", { kind: "postgres", code: "57P01" }))).toBe("57P01");
    expect(transientDbReason(new Error("wrapped", { cause: withCode("read ECONNRESET", "ECONNRESET") }))).toBe(
      "ECONNRESET",
    );
  });

  it("leaves every other error final", () => {
    expect(transientDbReason(withCode("duplicate key value violates unique constraint", "23505"))).toBeNull();
    expect(transientDbReason(prismaError("P2002", { kind: "UniqueConstraintViolation" }))).toBeNull();
    expect(transientDbReason(prismaError("P2021", { kind: "TableDoesNotExist" }))).toBeNull();
    expect(transientDbReason(withCode("SQLITE_CONSTRAINT_UNIQUE", "SQLITE_CONSTRAINT_UNIQUE"))).toBeNull();
    // Our own end() of a connection is no blip.
    expect(transientDbReason(new Error("Client was closed and is not queryable"))).toBeNull();
    expect(transientDbReason(new Error("Connection terminated"))).toBeNull();
    expect(transientDbReason(new TypeError("x is undefined"))).toBeNull();
    expect(transientDbReason("a string")).toBeNull();
    expect(transientDbReason(null)).toBeNull();
  });
});
