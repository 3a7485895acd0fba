import "server-only";
import { resolve } from "node:path";

export type DbEngine = "sqlite" | "postgresql";

export function engineOf(databaseUrl: string): DbEngine {
  return databaseUrl.startsWith("file:") ? "sqlite" : "postgresql";
}

/** Absolute path of a file: URL's database; a relative path is taken from the working directory. */
export function sqlitePath(databaseUrl: string): string {
  return resolve(databaseUrl.replace(/^file:/, "").replace(/\?.*$/, ""));
}
