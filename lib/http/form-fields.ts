// Reading a server action's form: each named field once, as text.

/**
 * Form fields as schemas read them. A server action can be called with anything, so a
 * missing or non-form argument reads as an empty form (and fails validation, not with a 500).
 */
export function formFields(formData: unknown, names: readonly string[]): Record<string, string | undefined> {
  const fields: Record<string, string | undefined> = {};
  for (const name of names) {
    const value = formData instanceof FormData ? formData.get(name) : null;
    fields[name] = typeof value === "string" ? value : undefined;
  }
  return fields;
}
