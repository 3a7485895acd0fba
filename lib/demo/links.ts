// Signed links to each widget, for the demo banner and the admin Connections page.
// Each integration adds its links here as it arrives.
import type { Env } from "@/lib/env";

export type DemoLink = { label: string; url: string };

export function demoLinks(_config: Env): DemoLink[] {
  return [];
}
