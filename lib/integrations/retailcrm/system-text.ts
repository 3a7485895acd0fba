// What a retailCRM account says in an error answer (errorMsg, errors), made fit to show
// its user or an operator: the module's edit call and the customers connector both quote it.
const maxSystemTextLength = 300;

/** Text from the system, made safe to show: no control characters, bounded, never the key. */
export function systemText(value: unknown, apiKey: string): string | undefined {
  const raw =
    typeof value === "string"
      ? value
      : Array.isArray(value)
        ? value.filter((v) => typeof v === "string").join("; ")
        : typeof value === "object" && value !== null
          ? Object.entries(value)
              .filter(([, v]) => typeof v === "string")
              .map(([k, v]) => `${k}: ${v as string}`)
              .join("; ")
          : undefined;
  if (raw === undefined) return undefined;
  const clean = raw
    .split(apiKey)
    .join("[API key]")
    .replace(/[\u0000-\u001f\u007f]+/g, " ")
    .trim();
  if (clean === "") return undefined;
  return clean.length > maxSystemTextLength ? `${clean.slice(0, maxSystemTextLength - 1)}…` : clean;
}
