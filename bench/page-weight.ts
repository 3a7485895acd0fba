// What an agent's browser loads for a contact view: the page opened in Chromium (the
// same Debian Chromium as the e2e tests), every request counted and weighed by type,
// then opened again with JavaScript off to check that the contact renders without it.
import { chromium, type Request } from "playwright";

export type PageWeight = {
  name: string;
  requests: number;
  htmlBytes: number;
  jsBytes: number;
  jsFiles: number;
  cssBytes: number;
  otherBytes: number;
  /** bytes on the wire (compressed bodies and headers), every request */
  transferredBytes: number;
  /** the contact's name is shown with JavaScript disabled */
  rendersWithoutJs: boolean;
};

type Sizes = { html: number; js: number; jsFiles: number; css: number; other: number; transferred: number };

async function weigh(request: Request, sizes: Sizes): Promise<void> {
  const response = await request.response();
  if (!response) return;
  const body = await response.body().catch(() => Buffer.alloc(0));
  const transfer = await request.sizes();
  sizes.transferred += transfer.responseBodySize + transfer.responseHeadersSize;
  const type = request.resourceType();
  if (type === "document") sizes.html += body.length;
  else if (type === "script") {
    sizes.js += body.length;
    sizes.jsFiles++;
  } else if (type === "stylesheet") sizes.css += body.length;
  else sizes.other += body.length;
}

export type WeighedPage = { name: string; path: () => { path: string; expectText: string } };

/**
 * Loads each page of the app at `origin` (a fresh path from `path()`, since signed URLs
 * expire) and weighs it. `expectText` must be visible without JavaScript (the contact's name).
 */
export async function measurePageWeights(origin: string, pages: WeighedPage[]): Promise<PageWeight[]> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
    ],
  });
  try {
    const weights: PageWeight[] = [];
    for (const page of pages) {
      const withJs = await browser.newContext();
      const tab = await withJs.newPage();
      const requests: Request[] = [];
      tab.on("requestfinished", (request) => requests.push(request));
      await tab.goto(origin + page.path().path, { waitUntil: "networkidle" });
      const sizes: Sizes = { html: 0, js: 0, jsFiles: 0, css: 0, other: 0, transferred: 0 };
      for (const request of requests) await weigh(request, sizes);
      await withJs.close();

      const withoutJs = await browser.newContext({ javaScriptEnabled: false });
      const plain = await withoutJs.newPage();
      const target = page.path();
      await plain.goto(origin + target.path);
      const rendersWithoutJs = await plain.getByText(target.expectText, { exact: false }).first().isVisible();
      await withoutJs.close();

      weights.push({
        name: page.name,
        requests: requests.length,
        htmlBytes: sizes.html,
        jsBytes: sizes.js,
        jsFiles: sizes.jsFiles,
        cssBytes: sizes.css,
        otherBytes: sizes.other,
        transferredBytes: sizes.transferred,
        rendersWithoutJs,
      });
    }
    return weights;
  } finally {
    await browser.close();
  }
}
