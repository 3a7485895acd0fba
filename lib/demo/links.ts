// Signed links to each widget, for the demo banner and the admin Connections page.
// Each integration adds its links here as it arrives.
import type { Env } from "@/lib/env";
import { sureSendWidgetUrl } from "@/lib/integrations/suresend/sign";
import { sampleCompanyContext, samplePersonContext } from "@/lib/integrations/suresend/sample-contexts";

export type DemoLink = { label: string; url: string };

export function demoLinks(config: Env, now = new Date()): DemoLink[] {
  const links: DemoLink[] = [];
  if (config.suresend.enabled) {
    const secret = config.suresend.config.secrets[0]!.secret;
    const minutes = Math.floor(config.suresend.config.maxAgeSeconds / 60);
    links.push(
      { label: `Sure Send person widget (valid ${minutes} min)`, url: sureSendWidgetUrl(config.appBaseUrl, samplePersonContext(now), secret) },
      { label: `Sure Send company widget (valid ${minutes} min)`, url: sureSendWidgetUrl(config.appBaseUrl, sampleCompanyContext(now), secret) },
    );
  }
  return links;
}
