import { randomUUID } from "node:crypto";
import { createScratchOrderDb } from "../baselines/order-transaction.ts";
import { bffEndpoint } from "../client/bff-session.ts";
import { serviceEndpoint } from "../client/services.ts";
import { type TrpcEndpoint, trpcMutation } from "../client/trpc-wire.ts";
import { runInterleaved } from "../measure/closed-loop.ts";
import { type BenchmarkResult, cpuNotes, throughputRow } from "../measure/results.ts";
import { cpuSampler } from "../stack/cpu.ts";
import { type BenchContext, pick } from "./context.ts";

const CLIENTS = 16;

/**
 * (a) Order placement through the full path — HTTP client → BFF /api/trpc (session cookie) →
 * order-svc → product-svc (reserve) → both databases — at 16 concurrent shoppers over uniformly
 * chosen products, against the hand-written `pg` transaction doing the same database work at the
 * same concurrency. order-svc called directly (internal token) is measured too, to show where the
 * time goes; the verdict is on the BFF path.
 */
export async function orderPlacement(ctx: BenchContext): Promise<BenchmarkResult> {
  const { products, shoppers } = ctx;
  if (shoppers.length < CLIENTS) throw new Error(`order placement needs ${CLIENTS} shoppers`);
  const scratch = await createScratchOrderDb(ctx.target.adminDatabaseUrl, products, ctx.highStock, CLIENTS);
  const place = (endpoint: TrpcEndpoint) =>
    trpcMutation(endpoint, "orders.place", {
      idempotencyKey: randomUUID(),
      items: [{ productId: pick(products).id, quantity: 1 }],
    });
  const bff = ctx.sessionCookies.map((cookie) => bffEndpoint(ctx.http, ctx.target.webUrl, cookie));
  const direct = shoppers.map((s) =>
    serviceEndpoint(ctx.target, ctx.http, "order-svc", { sub: s.id, role: "SHOPPER", email: s.email }),
  );
  ctx.log(
    `raw pg transaction (scratch database), BFF orders.place and order-svc orders.place, ${ctx.rounds} rounds each`,
  );
  const measured = await runInterleaved(
    {
      concurrency: CLIENTS,
      warmupMs: ctx.warmupMs,
      durationMs: ctx.durationMs,
      rounds: ctx.rounds,
      cpu: cpuSampler(ctx.target),
    },
    {
      baseline: (worker) => {
        const shopper = shoppers[worker] ?? pick(shoppers);
        return scratch.placeOrder(shopper.id, shopper.email, pick(products).id, 1);
      },
      bff: async (worker) => {
        await place(bff[worker] ?? pick(bff));
      },
      direct: async (worker) => {
        await place(direct[worker] ?? pick(direct));
      },
    },
  ).finally(() => scratch.drop());

  const { baseline, bff: viaBff, direct: viaOrderSvc } = measured;
  const ratio = viaBff.throughput / baseline.throughput;
  return {
    id: "a",
    title: "Order placement, 16 concurrent shoppers",
    rows: [
      throughputRow("BFF orders.place → order-svc → product-svc", viaBff),
      throughputRow("order-svc orders.place (internal token)", viaOrderSvc),
      throughputRow("baseline: raw pg transaction, same SQL work", baseline),
    ],
    ratio,
    target: "≥25% of baseline, p99 < 50 ms",
    pass: ratio >= 0.25 && viaBff.p99 < 50 && viaBff.errors === 0,
    notes: [
      "measured through the BFF with next-auth session cookies (credentials sign-in over HTTP)",
      `order-svc directly: ${((viaOrderSvc.throughput / baseline.throughput) * 100).toFixed(0)}% of baseline, p99 ${viaOrderSvc.p99.toFixed(1)} ms`,
      ...cpuNotes({ BFF: viaBff, "order-svc directly": viaOrderSvc, baseline }),
    ],
  };
}
