import "server-only";
import { headers } from "next/headers";
import { rawQueryHeader } from "@/lib/http/proxy-response";

/**
 * The query of the page's request exactly as received, handed on by proxy.ts. Pages
 * verify it again themselves; anything a client puts in this header is overwritten by
 * the proxy, and would have to carry a valid signature anyway.
 */
export async function pageRawQuery(): Promise<string> {
  return (await headers()).get(rawQueryHeader) ?? "";
}
