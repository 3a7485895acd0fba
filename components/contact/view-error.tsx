import type { AppError } from "@/lib/http/errors";
import { viewErrorHeading } from "@/lib/http/html";

/**
 * An embedded view's refusal, rendered inside a page (the proxy answers most refusals
 * itself with the exact status, as lib/http/html.ts's page; this covers what can only be
 * known while rendering, and says the same).
 * Shows the code and message, never contact data.
 */
export function ViewError({ error }: { error: Pick<AppError, "code" | "message"> }) {
  return (
    <main
      data-error-code={error.code}
      className="mx-auto mt-8 max-w-[min(32rem,calc(100%-2rem))] rounded-xl border border-gray-200 p-5 dark:border-gray-800"
    >
      <h1 className="text-lg font-semibold">{viewErrorHeading}</h1>
      <p className="mt-2 text-sm">{error.message}</p>
      <p className="mt-2 font-mono text-xs text-gray-600 dark:text-gray-400">{error.code}</p>
    </main>
  );
}
