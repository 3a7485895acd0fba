// GET /api/socialsignin/search?q=<term>&expires=<unix>&sig=<hex> — SocialSignIn's
// custom-CRM search (contract section 3): verify the signature, search, answer JSON.
import { searchContacts } from "@/lib/db/contact-search";
import { AppError } from "@/lib/http/errors";
import { type RefusalForm, answerRefusal } from "@/lib/http/host-gate";
import { gateSocialSignInRequest } from "@/lib/integrations/socialsignin/request";
import { searchTermSchema } from "@/lib/search/term";

export const dynamic = "force-dynamic";

const form: RefusalForm = {
  kind: "json",
  headers: { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer" },
  where: "socialsignin search",
};

export async function GET(request: Request): Promise<Response> {
  try {
    const gated = gateSocialSignInRequest(request, "q", form);
    if (!gated.ok) return gated.response;
    const q = searchTermSchema.safeParse(gated.accepted.value);
    if (!q.success) throw new AppError("bad_request", 400, q.error.issues[0]?.message ?? "Invalid search term.");
    return Response.json({ results: await searchContacts(q.data) }, { headers: form.headers });
  } catch (error) {
    return answerRefusal(error, form);
  }
}
