// The one shape every host verifier answers with (Sure Send, SocialSignIn): a verdict,
// never a throw, so that the caller decides what to record and how to answer, and a
// page that verifies again can render the same refusal. Pure: no I/O.
import "server-only";
import type { KeyRing, KeySlot } from "@/lib/env";
import { AppError, type ErrorCode } from "@/lib/http/errors";

/** What every host verifier is given: the query as received, the keys, and the time. */
export type HostQuery = {
  /** the request's query exactly as received: the part after `?`, without it (lib/http/raw-query.ts) */
  rawQuery: string;
  ring: KeyRing;
  /** the current time in Unix seconds */
  now: number;
};

/** A request the host signed, with what the verifier read from it. */
export type Accepted<T> = T & {
  ok: true;
  keySlot: KeySlot;
  /** the text whose signature verified */
  canonical: string;
};

/** A refused request: the contract's status and code, a message a person can act on. */
export type Refusal = {
  ok: false;
  code: ErrorCode;
  status: number;
  message: string;
  /** what was (or would have been) signed, for the verification log; never a signature or secret */
  canonical: string;
};

export type Verdict<T> = Accepted<T> | Refusal;

export function refusal(code: ErrorCode, status: number, message: string, canonical: string): Refusal {
  return { ok: false, code, status, message, canonical };
}

/** A refusal built from the shared error builders (lib/http/query.ts). */
export function refusalFrom(error: AppError, canonical: string): Refusal {
  return refusal(error.code, error.status, error.message, canonical);
}

/** The refusal as the error model's AppError, for the JSON and HTML answers. */
export function refusalError(refused: Refusal): AppError {
  return new AppError(refused.code, refused.status, refused.message);
}

/** The time as verifiers take it: whole Unix seconds. */
export function unixSeconds(date: Date = new Date()): number {
  return Math.floor(date.getTime() / 1000);
}
