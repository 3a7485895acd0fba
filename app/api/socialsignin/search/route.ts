// GET /api/socialsignin/search?q=<term>&expires=<unix>&sig=<hex> — SocialSignIn's
// custom-CRM search (contract section 3): verify the signature, search, answer JSON.
import { searchContacts } from "@/lib/db/contact-search";
import { AppError, jsonError } from "@/lib/http/errors";
import { rawQueryOf } from "@/lib/http/raw-query";
import { verifySocialSignInRequest } from "@/lib/integrations/socialsignin/request";
import { searchTermSchema } from "@/lib/search/term";

export const dynamic = "force-dynamic";

const headers = {
  "Cache-Control": "no-store",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
};

export async function GET(request: Request): Promise<Response> {
  try {
    const { value } = await verifySocialSignInRequest(rawQueryOf(request.url), "q");
    const q = searchTermSchema.safeParse(value);
    if (!q.success) throw new AppError("bad_request", 400, q.error.issues[0]?.message ?? "Invalid search term.");
    const results = await searchContacts(q.data);
    return Response.json({ results }, { headers });
  } catch (error) {
    return jsonError(error, headers, "socialsignin search");
  }
}
