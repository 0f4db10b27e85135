import { randomUUID } from "node:crypto";
import type { OrderStatus } from "@shop/events/order-events";
import { serviceClients } from "../client/services.ts";
import { LatencyRecorder } from "../measure/latency.ts";
import { sleep } from "../measure/open-loop.ts";
import type { BenchmarkResult } from "../measure/results.ts";
import { type BenchContext, pick } from "./context.ts";

/** Three status changes per order: PENDING → CONFIRMED → SHIPPED → DELIVERED. */
const NEXT: OrderStatus[] = ["CONFIRMED", "SHIPPED", "DELIVERED"];
const EVENT_TIMEOUT_MS = 5_000;

/**
 * (d) Event latency: admin orders.updateStatus on order-svc → outbox (relay woken by NOTIFY) → SNS →
 * SQS → notify-svc's long-polling consumer → notification row + NOTIFY → the shopper's SSE stream
 * (notify-svc notifications.onEvent through the kit client). One change at a time; latency runs from
 * sending the mutation to the matching event arriving, so it includes the mutation's own commit.
 */
export async function eventLatency(ctx: BenchContext, changes: number): Promise<BenchmarkResult> {
  const shopper = ctx.shoppers[0];
  if (!shopper) throw new Error("event latency needs a shopper");
  const asShopper = serviceClients(ctx.target, { sub: shopper.id, role: "SHOPPER", email: shopper.email });
  const orderCount = Math.ceil(changes / NEXT.length);
  ctx.log(`placing ${orderCount} orders for one shopper`);
  const orderIds: string[] = [];
  for (let i = 0; i < orderCount; i++) {
    const order = await asShopper.order.orders.place.mutate({
      idempotencyKey: `event-latency-${randomUUID()}`,
      items: [{ productId: pick(ctx.products).id, quantity: 1 }],
    });
    orderIds.push(order.id);
  }

  const waiters = new Map<string, (arrivedAt: number) => void>();
  const subscription = asShopper.notify.notifications.onEvent.subscribe(
    {},
    {
      onData: (item) => {
        const arrivedAt = performance.now();
        // tracked() items arrive as { id, data }.
        waiters.get(`${item.data.orderId}:${item.data.orderStatus}`)?.(arrivedAt);
      },
      onError: (error) => ctx.log(`subscription error: ${String(error)}`),
    },
  );
  // Let the order.created notifications of the set-up drain before measuring.
  await sleep(3_000);

  const latency = new LatencyRecorder();
  const mutationLatency = new LatencyRecorder();
  try {
    ctx.log(`${orderCount * NEXT.length} status changes, one at a time`);
    for (const status of NEXT) {
      for (const orderId of orderIds) {
        const key = `${orderId}:${status}`;
        const arrived = new Promise<number | undefined>((resolve) => {
          const timer = setTimeout(() => resolve(undefined), EVENT_TIMEOUT_MS);
          waiters.set(key, (at) => {
            clearTimeout(timer);
            resolve(at);
          });
        });
        const sent = performance.now();
        await ctx.admin.order.orders.updateStatus.mutate({ orderId, status });
        mutationLatency.record(performance.now() - sent);
        const at = await arrived;
        waiters.delete(key);
        if (at === undefined) latency.recordError("NO_EVENT_IN_5S");
        else latency.record(at - sent);
      }
    }
  } finally {
    subscription.unsubscribe();
  }
  const summary = latency.summary();
  return {
    id: "d",
    title: "Event latency: status change → SSE event",
    rows: [
      {
        variant: "updateStatus → SNS → SQS → notify-svc → SSE",
        result: `${summary.count} events`,
        latency: summary,
        raw: { ...summary, errorCodes: latency.errorCodes() },
      },
      {
        variant: "(updateStatus mutation alone)",
        result: `${mutationLatency.count} calls`,
        latency: mutationLatency.summary(),
      },
    ],
    target: "p95 < 250 ms",
    pass: summary.p95 < 250 && summary.errors === 0 && summary.count >= changes,
    notes: ["SSE from notify-svc directly (kit client); latency includes the updateStatus call itself"],
  };
}
