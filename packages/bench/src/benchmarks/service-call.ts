import { serviceEndpoint } from "../client/services.ts";
import { trpcQuery } from "../client/trpc-wire.ts";
import { runInterleaved } from "../measure/closed-loop.ts";
import { type BenchmarkResult, cpuNotes, throughputRow } from "../measure/results.ts";
import { startChildServer } from "../stack/child-server.ts";
import { cpuSampler } from "../stack/cpu.ts";
import { type BenchContext, pick } from "./context.ts";

const CLIENTS = 16;

/**
 * (c) One service call through the kit's tRPC server — product-svc products.bySlug over HTTP with an
 * internal token — against the same handler logic (same Prisma client and query) on raw node:http.
 */
export async function serviceCall(ctx: BenchContext): Promise<BenchmarkResult> {
  const slugs = ctx.products.map((p) => p.slug);
  const raw = await startChildServer("product-server", {
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
    // An anonymous visitor's call, as the BFF relays it (GUEST token).
    const endpoint = serviceEndpoint(ctx.target, ctx.http, "product-svc", { sub: "web-bff", role: "GUEST" });
    ctx.log(`raw node:http + Prisma and product-svc over tRPC, ${ctx.rounds} rounds each`);
    const { baseline, system } = await runInterleaved(phase, {
      baseline: async () => {
        const res = await ctx.http.request(`${raw.url}/bySlug?slug=${encodeURIComponent(pick(slugs))}`);
        if (res.status !== 200)
          throw Object.assign(new Error(`HTTP ${res.status}`), { code: `HTTP_${res.status}` });
      },
      system: async () => {
        await trpcQuery(endpoint, "products.bySlug", { slug: pick(slugs) });
      },
    });
    const ratio = system.throughput / baseline.throughput;
    return {
      id: "c",
      title: "One service call (products.bySlug)",
      rows: [
        throughputRow("product-svc tRPC products.bySlug", system),
        throughputRow("baseline: node:http + same Prisma query", baseline),
      ],
      ratio,
      target: "≥70% of baseline",
      pass: ratio >= 0.7 && system.errors === 0,
      notes: [
        "the token is minted by the client once per 30 s (the service verifies it on every call)",
        ...cpuNotes({ "product-svc": system, baseline }),
      ],
    };
  } finally {
    await raw.stop();
  }
}
