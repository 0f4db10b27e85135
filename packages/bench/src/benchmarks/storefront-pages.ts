import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { percentile } from "../measure/latency.ts";
import type { BenchmarkResult } from "../measure/results.ts";
import type { BenchContext } from "./context.ts";

const CHROMIUM = process.env.BENCH_CHROMIUM ?? "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];
const LOADS_PER_PAGE = 5;

/**
 * (f) Storefront pages, each loaded 5 times cold (a fresh browser context: no cache) in headless
 * Chromium: Largest Contentful Paint (median) and the JavaScript the browser actually fetched while
 * loading — compressed bytes on the wire (Resource Timing's encodedBodySize; Next serves gzip). Beside
 * it, the page's <script src> tags fetched and gzipped here (module scripts only: the noModule
 * polyfill is never loaded by a current browser), i.e. Next's "first load JS".
 */
export async function storefrontPages(ctx: BenchContext): Promise<BenchmarkResult[]> {
  const slug = ctx.products[0]?.slug ?? "";
  const pages = [
    { id: "f1", label: "catalog /", path: "/" },
    { id: "f2", label: `product /products/${slug}`, path: `/products/${slug}` },
  ];
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const results: BenchmarkResult[] = [];
    for (const page of pages) {
      const url = `${ctx.target.webUrl}${page.path}`;
      ctx.log(`${page.label}: scripts, ${LOADS_PER_PAGE} cold loads in Chromium`);
      const tags = await scriptTagBytes(ctx, url);
      const loads: PageLoad[] = [];
      for (let i = 0; i < LOADS_PER_PAGE; i++) loads.push(await loadPage(browser, url));
      const lcp = percentile(
        loads.map((l) => l.lcpMs).sort((a, b) => a - b),
        0.5,
      );
      const jsKb = Math.max(...loads.map((l) => l.jsEncodedBytes)) / 1024;
      results.push({
        id: page.id,
        title: `Storefront ${page.label}`,
        rows: [
          {
            variant: `${page.label}: JS fetched by Chromium (gzip)`,
            result: `${jsKb.toFixed(1)} kB`,
            raw: loads,
          },
          {
            variant: "  <script> tags, gzipped here",
            result: `${(tags.gzipBytes / 1024).toFixed(1)} kB`,
            raw: tags,
          },
          { variant: `  LCP, median of ${LOADS_PER_PAGE} cold loads`, result: `${lcp.toFixed(0)} ms` },
        ],
        target: "JS < 150 kB, LCP < 1.5 s",
        pass: jsKb < 150 && lcp < 1500,
        notes: [
          `${tags.scripts} module scripts, ${(tags.rawBytes / 1024).toFixed(1)} kB uncompressed; LCP runs ${loads.map((l) => l.lcpMs.toFixed(0)).join("/")} ms`,
        ],
      });
    }
    return results;
  } finally {
    await browser.close();
  }
}

async function scriptTagBytes(ctx: BenchContext, url: string) {
  const html = await ctx.http.request(url);
  if (html.status !== 200) throw new Error(`${url} answered HTTP ${html.status}`);
  const sources = new Set(
    [...html.body.matchAll(/<script\b[^>]*>/g)]
      .map((m) => m[0])
      .filter((tag) => !/\bnomodule\b/i.test(tag))
      .map((tag) => /\bsrc="([^"]+)"/.exec(tag)?.[1])
      .filter((src): src is string => Boolean(src)),
  );
  let rawBytes = 0;
  let gzipBytes = 0;
  for (const src of sources) {
    const res = await ctx.http.request(new URL(src.replaceAll("&amp;", "&"), url));
    const body = Buffer.from(res.body, "utf8");
    rawBytes += body.length;
    gzipBytes += gzipSync(body).length;
  }
  return { scripts: sources.size, rawBytes, gzipBytes };
}

type Browser = Awaited<ReturnType<typeof chromium.launch>>;
interface PageLoad {
  lcpMs: number;
  jsEncodedBytes: number;
}

/** One cold load: the last 'largest-contentful-paint' entry once loaded and idle, and the JS fetched. */
async function loadPage(browser: Browser, url: string): Promise<PageLoad> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.addInitScript(() => {
      const state = globalThis as unknown as { __lcp: number };
      state.__lcp = 0;
      // A browser entry type that Node's typings (which this package compiles against) do not list.
      const lcpEntries = { type: "largest-contentful-paint" as "mark", buffered: true };
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) state.__lcp = entry.startTime;
      }).observe(lcpEntries);
    });
    await page.goto(url, { waitUntil: "load" });
    await page.waitForLoadState("networkidle").catch(() => {});
    return await page.evaluate(() => {
      const resources = performance.getEntriesByType("resource") as unknown as {
        name: string;
        initiatorType: string;
        encodedBodySize: number;
      }[];
      const js = resources.filter((r) => r.initiatorType === "script" || /\.js(\?|$)/.test(r.name));
      return {
        lcpMs: (globalThis as unknown as { __lcp: number }).__lcp,
        jsEncodedBytes: js.reduce((sum, r) => sum + r.encodedBodySize, 0),
      };
    });
  } finally {
    await context.close();
  }
}
