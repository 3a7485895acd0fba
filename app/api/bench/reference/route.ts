// Benchmark reference (npm run bench): a route handler answering constant JSON, with no
// verification or database.
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";

const body = JSON.stringify({ results: [{ id: "reference", name: "Jane Reference" }] });

export function GET() {
  if (!env().benchReferences) return new Response(null, { status: 404 });
  return new Response(body, { headers: { "Content-Type": "application/json", "Cache-Control": "no-store" } });
}
