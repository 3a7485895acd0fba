// The three shapes a register (connection) request may take, reduced to one:
//   1. form field `register` holding a JSON string {"systemUrl","apiKey","token"} —
//      what retailCRM sends, as its official PHP client reads it;
//   2. form fields `register[systemUrl]`, `register[apiKey]`, `register[token]`;
//   3. a JSON body {"register": {…}} (or {"register": "<the JSON string>"}).
// Messages name the field, in retailCRM's own spelling, since the user reads them.
import "server-only";
import { z } from "zod";
import { duplicateParameter } from "@/lib/http/query";
import type { FormFields, RequestFields } from "@/lib/http/request-body";

export type RegisterRequest = { systemUrl: string; apiKey: string; token: string };
export type RegisterParse = { ok: true; value: RegisterRequest } | { ok: false; message: string };

const fieldNames = ["systemUrl", "apiKey", "token"] as const;
type FieldName = (typeof fieldNames)[number];

const text = (name: FieldName) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? `missing:${name}` : `register[${name}] must be text.`) })
    .trim()
    .min(1, `missing:${name}`);

const registerSchema = z.object({
  systemUrl: text("systemUrl"),
  apiKey: text("apiKey")
    .max(512, "register[apiKey] is too long to be a retailCRM API key.")
    .regex(/^[\x21-\x7e]+$/, "register[apiKey] contains characters an API key never has."),
  token: text("token").regex(
    /^[0-9a-f]{64}$/i,
    "register[token] is not a valid token: expected 64 hexadecimal characters.",
  ),
});

const fail = (message: string): RegisterParse => ({ ok: false, message });

/** The field's one value (undefined when absent), or the duplicate refusal's message. */
function single(fields: FormFields, name: string): { value: string | undefined } | { duplicate: string } {
  const values = fields.get(name) ?? [];
  return values.length > 1 ? { duplicate: duplicateParameter(name, values.length).message } : { value: values[0] };
}

/** `register` given as a JSON string: its object, or a message. */
function decodeRegisterJson(raw: string): Record<string, unknown> | string {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return 'register is not valid JSON: expected {"systemUrl", "apiKey", "token"}.';
  }
  return isObject(value) ? value : "register must be a JSON object with systemUrl, apiKey and token.";
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The register object of any shape, before its fields are checked. */
function registerObject(body: RequestFields): Record<string, unknown> | string {
  if (body.kind === "json") {
    const register = isObject(body.value) ? body.value.register : undefined;
    if (typeof register === "string") return decodeRegisterJson(register);
    if (isObject(register)) return register;
    return register === undefined
      ? "register is missing."
      : "register must be an object with systemUrl, apiKey and token.";
  }
  const whole = single(body.fields, "register");
  if ("duplicate" in whole) return whole.duplicate;
  if (whole.value !== undefined) return decodeRegisterJson(whole.value);
  const object: Record<string, unknown> = {};
  for (const name of fieldNames) {
    const field = single(body.fields, `register[${name}]`);
    if ("duplicate" in field) return field.duplicate;
    if (field.value !== undefined) object[name] = field.value;
  }
  return Object.keys(object).length === 0 ? "register is missing." : object;
}

function listNames(names: string[]): string {
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(", ")} and ${names.at(-1)!}`;
}

/** The register request's systemUrl, apiKey and token, or a message naming what is wrong. */
export function parseRegisterRequest(body: RequestFields): RegisterParse {
  const object = registerObject(body);
  if (typeof object === "string") return fail(object);
  const result = registerSchema.safeParse(object);
  if (result.success) return { ok: true, value: result.data };
  const messages = result.error.issues.map((issue) => issue.message);
  const missing = fieldNames.filter((name) => messages.includes(`missing:${name}`)).map((name) => `register[${name}]`);
  if (missing.length > 0) return fail(`${listNames(missing)} ${missing.length === 1 ? "is" : "are"} missing.`);
  return fail(messages[0] ?? "The register request is not valid.");
}
