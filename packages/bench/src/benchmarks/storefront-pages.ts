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
 * (f) Storefront pages: first-load JavaScript (every external <script> of the server-rendered page,
 * fetched and gzip-compressed here, since that is what crosses the wire) and Largest Contentful Paint
 * in headless Chromium, median of 5 cold loads (a fresh browser context each, so no cache).
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
      ctx.log(`${page.label}: scripts and LCP`);
      const js = await firstLoadJs(ctx, url);
      const lcps: number[] = [];
      for (let i = 0; i < LOADS_PER_PAGE; i++) lcps.push(await largestContentfulPaint(browser, url));
      lcps.sort((a, b) => a - b);
      const lcp = percentile(lcps, 0.5);
      const kb = js.gzipBytes / 1024;
      results.push({
        id: page.id,
        title: `Storefront ${page.label}`,
        rows: [
          { variant: `${page.label}: first-load JS (gzip)`, result: `${kb.toFixed(1)} kB`, raw: js },
          {
            variant: `${page.label}: LCP, median of ${LOADS_PER_PAGE}`,
            result: `${lcp.toFixed(0)} ms`,
            raw: { lcps },
          },
        ],
        target: "JS < 150 kB, LCP < 1.5 s",
        pass: kb < 150 && lcp < 1500,
        notes: [
          `${js.scripts} scripts, ${(js.rawBytes / 1024).toFixed(1)} kB uncompressed; LCP runs ${lcps.map((v) => v.toFixed(0)).join("/")} ms`,
        ],
      });
    }
    return results;
  } finally {
    await browser.close();
  }
}

async function firstLoadJs(ctx: BenchContext, url: string) {
  const html = await ctx.http.request(url);
  if (html.status !== 200) throw new Error(`${url} answered HTTP ${html.status}`);
  const sources = [...html.body.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1] ?? "");
  let rawBytes = 0;
  let gzipBytes = 0;
  for (const src of new Set(sources)) {
    const res = await ctx.http.request(new URL(src.replaceAll("&amp;", "&"), url));
    const body = Buffer.from(res.body, "utf8");
    rawBytes += body.length;
    gzipBytes += gzipSync(body).length;
  }
  return { scripts: new Set(sources).size, rawBytes, gzipBytes };
}

type Browser = Awaited<ReturnType<typeof chromium.launch>>;

/** One cold load; LCP as the last 'largest-contentful-paint' entry once the page is loaded and idle. */
async function largestContentfulPaint(browser: Browser, url: string): Promise<number> {
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
    return await page.evaluate(() => (globalThis as unknown as { __lcp: number }).__lcp);
  } finally {
    await context.close();
  }
}
