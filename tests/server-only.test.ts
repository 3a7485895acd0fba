// Which modules must never reach a browser bundle, checked from the source: a lib/ module
// that reads the database, configuration or secrets, signs, or does server I/O — itself or
// through what it imports — starts with `import "server-only"`, so a client component that
// imports it fails the build instead of shipping it. Pure modules stay importable anywhere.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..");

/** What only a server can do: Node's built-ins, the database drivers, the logger, Next's request APIs. */
const serverPackages = /^(node:|better-sqlite3$|pg$|pino|@prisma\/|@\/generated\/|next\/headers$|next\/server$)/;
/** …and reading the environment or calling a peer (with its credentials). */
const serverCode = /\bprocess\.env\b|\bfetch\(/;

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

const sources = new Map<string, string>();
const source = (file: string) => {
  let text = sources.get(file);
  if (text === undefined) sources.set(file, (text = readFileSync(join(root, file), "utf8")));
  return text;
};

/** The specifiers a module imports for their values (type-only imports never reach a bundle). */
function valueImports(file: string): string[] {
  const found: string[] = [];
  for (const m of source(file).matchAll(/^\s*(import|export)\s+([^;]*?)\s*from\s+"([^"]+)"/gm)) {
    const clause = m[2]!;
    const braces = /^(?:type\s+)?\{([^}]*)\}$/.exec(clause.trim());
    const onlyTypes =
      clause.startsWith("type ") ||
      (braces !== null && braces[1]!.split(",").every((s) => s.trim() === "" || s.trim().startsWith("type ")));
    if (!onlyTypes) found.push(m[3]!);
  }
  for (const m of source(file).matchAll(/^\s*import\s+"([^"]+)"/gm)) found.push(m[1]!);
  return found;
}

function resolveLocal(from: string, specifier: string): string | undefined {
  const base = specifier.startsWith("@/")
    ? specifier.slice(2)
    : specifier.startsWith(".")
      ? join(from, "..", specifier)
      : undefined;
  if (base === undefined) return undefined;
  return [`${base}.ts`, `${base}.tsx`, join(base, "index.ts")].find((candidate) => sources.has(candidate));
}

const libFiles = sourceFiles("lib");
const componentFiles = [...sourceFiles("components"), ...sourceFiles("app")];
for (const file of [...libFiles, ...componentFiles]) source(file);

const reachesServer = new Map<string, string | undefined>();
/** Why a module is server code (the first server thing it reaches), or undefined when it is pure. */
function serverReason(file: string, visiting = new Set<string>()): string | undefined {
  if (reachesServer.has(file)) return reachesServer.get(file);
  if (visiting.has(file)) return undefined;
  visiting.add(file);
  // A server action module reaches a client bundle only as a reference to call.
  if (/^["']use server["'];?$/m.test(source(file))) return undefined;
  // (A component's own fetch() is the browser's.)
  let reason: string | undefined = file.startsWith("lib/") ? serverCode.exec(source(file))?.[0] : undefined;
  for (const specifier of valueImports(file)) {
    if (reason) break;
    if (serverPackages.test(specifier)) reason = specifier;
    else {
      const local = resolveLocal(file, specifier);
      const inner = local && serverReason(local, visiting);
      if (inner) reason = `${local} (${inner})`;
    }
  }
  reachesServer.set(file, reason);
  return reason;
}

const marked = (file: string) => /^import "server-only";$/m.test(source(file));

describe('import "server-only"', () => {
  it("marks every lib module that is server code, and only those", () => {
    const unmarked = libFiles.filter((f) => serverReason(f) !== undefined && !marked(f));
    expect(unmarked.map((f) => `${f} reaches ${serverReason(f)}`)).toEqual([]);
    // A marker on a pure module would keep it from client components for no reason.
    expect(libFiles.filter((f) => marked(f) && serverReason(f) === undefined)).toEqual([]);
  });

  it("leaves every module a client component imports free of server code", () => {
    const clientEntries = componentFiles.filter((f) => /^["']use client["'];?$/m.test(source(f)));
    expect(clientEntries.length).toBeGreaterThan(0);
    const offending = clientEntries.filter((f) => serverReason(f) !== undefined);
    expect(offending.map((f) => `${f} reaches ${serverReason(f)}`)).toEqual([]);
  });
});
