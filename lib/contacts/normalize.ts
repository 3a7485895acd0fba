// The matching keys of contact data: how names, emails and phones are compared.

/** Lower case, accents removed, whitespace collapsed: the form names are searched in. */
export function foldText(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Digits only: "+1 (555) 123-4567" → "15551234567". */
export function phoneDigits(phone: string): string {
  return phone.replace(/\D/g, "");
}

/** "Ana María López" → { firstName: "Ana María", lastName: "López" }; one word is a first name. */
export function splitName(name: string): { firstName: string | null; lastName: string | null } {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return { firstName: null, lastName: null };
  if (words.length === 1) return { firstName: words[0]!, lastName: null };
  return { firstName: words.slice(0, -1).join(" "), lastName: words.at(-1)! };
}

export function personDisplayName(parts: {
  firstName?: string | null;
  lastName?: string | null;
  fallback?: string | null;
}): string {
  const name = [parts.firstName, parts.lastName]
    .filter((p) => p && p.trim())
    .join(" ")
    .trim();
  return name || parts.fallback?.trim() || "Unnamed contact";
}
