import { isDatabaseReachable } from "@/lib/db/health";

export const dynamic = "force-dynamic";

export async function GET() {
  const ok = await isDatabaseReachable();
  return Response.json(
    { status: ok ? "ok" : "error", database: ok ? "ok" : "error" },
    { status: ok ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
