import { bffEndpoint } from "../client/bff-session.ts";
import { trpcQuery } from "../client/trpc-wire.ts";
import { searchTermFrom } from "../fixtures/catalog.ts";
import { runInterleaved } from "../measure/closed-loop.ts";
import { type BenchmarkResult, cpuNotes, throughputRow } from "../measure/results.ts";
import { startChildServer } from "../stack/child-server.ts";
import { cpuSampler } from "../stack/cpu.ts";
import type { BenchContext } from "./context.ts";

const CLIENTS = 16;
const PAGE_SIZE = 12; // the storefront's catalog page size

/**
 * (b) Catalog reads as the storefront makes them — products.list first page, and a search — through
 * the BFF (anonymous: BFF → product-svc → Prisma raw SQL) against a raw node:http + pg server running
 * the same two statements in its own process.
 */
export async function catalogRead(ctx: BenchContext): Promise<BenchmarkResult[]> {
  const term = searchTermFrom(ctx.products);
  const bff = bffEndpoint(ctx.http, ctx.target.webUrl);
  const raw = await startChildServer("catalog-server", {
    DATABASE_URL: ctx.target.databaseUrls["product-svc"],
  });
  const phase = {
    concurrency: CLIENTS,
    warmupMs: ctx.warmupMs,
    durationMs: ctx.durationMs,
    rounds: ctx.rounds,
    cpu: cpuSampler(ctx.target, [{ label: "baseline server", pid: raw.pid }]),
  };
  try {
    const rawGet = async (path: string) => {
      const res = await ctx.http.request(`${raw.url}${path}`);
      if (res.status !== 200)
        throw Object.assign(new Error(`HTTP ${res.status}`), { code: `HTTP_${res.status}` });
    };
    const cases = [
      {
        id: "b1",
        label: "products.list first page",
        input: { limit: PAGE_SIZE },
        rawPath: `/list?limit=${PAGE_SIZE}`,
      },
      {
        id: "b2",
        label: `products.list search "${term}"`,
        input: { q: term, limit: PAGE_SIZE },
        rawPath: `/search?q=${encodeURIComponent(term)}&limit=${PAGE_SIZE}`,
      },
    ];
    const results: BenchmarkResult[] = [];
    for (const c of cases) {
      ctx.log(`${c.label}: raw node:http + pg and the BFF, ${ctx.rounds} rounds each`);
      const { baseline, system } = await runInterleaved(phase, {
        baseline: () => rawGet(c.rawPath),
        system: async () => {
          await trpcQuery(bff, "products.list", c.input);
        },
      });
      const ratio = system.throughput / baseline.throughput;
      results.push({
        id: c.id,
        title: `Catalog read: ${c.label}`,
        rows: [
          throughputRow(`BFF ${c.label}`, system),
          throughputRow("baseline: node:http + pg, same SQL", baseline),
        ],
        ratio,
        target: "≥40% of baseline",
        pass: ratio >= 0.4 && system.errors === 0,
        notes: cpuNotes({ BFF: system, baseline }),
      });
    }
    return results;
  } finally {
    await raw.stop();
  }
}
