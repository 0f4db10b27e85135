import { randomUUID } from "node:crypto";
import type { OrderStatus } from "@shop/events/order-events";
import superjson from "superjson";
import { serviceClients } from "../client/services.ts";
import { subscribeSse } from "../client/sse-stream.ts";
import { LatencyRecorder } from "../measure/latency.ts";
import { sleep } from "../measure/open-loop.ts";
import type { BenchmarkResult } from "../measure/results.ts";
import { type BenchContext, pick } from "./context.ts";

/** Three status changes per order: PENDING → CONFIRMED → SHIPPED → DELIVERED. */
const NEXT: OrderStatus[] = ["CONFIRMED", "SHIPPED", "DELIVERED"];
const EVENT_TIMEOUT_MS = 5_000;
const CHANNELS = ["bff", "direct"] as const;
type Channel = (typeof CHANNELS)[number];

interface LiveItem {
  orderId: string | null;
  orderStatus: string | null;
}

/**
 * (d) Event latency: admin orders.updateStatus on order-svc → outbox (relay woken by NOTIFY) → SNS →
 * SQS → notify-svc's long-polling consumer → notification row + NOTIFY → SSE. Two subscribers of the
 * same shopper listen at once: the browser's path (the BFF's notifications.onEvent, which relays
 * notify-svc's stream, with the session cookie) and notify-svc's stream directly (kit client). One
 * change at a time; latency runs from sending the mutation to the event arriving, so it includes the
 * mutation's own commit. The verdict is on the BFF path.
 */
export async function eventLatency(ctx: BenchContext, changes: number): Promise<BenchmarkResult> {
  const shopper = ctx.shoppers[0];
  const cookie = ctx.sessionCookies[0];
  if (!shopper || !cookie) throw new Error("event latency needs a signed-in shopper");
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
  const deliver = (channel: Channel, item: LiveItem) =>
    waiters.get(`${channel}:${item.orderId}:${item.orderStatus}`)?.(performance.now());
  const direct = asShopper.notify.notifications.onEvent.subscribe(
    {},
    {
      onData: (tracked) => deliver("direct", tracked.data), // tracked() items arrive as { id, data }
      onError: (error) => ctx.log(`notify-svc subscription error: ${String(error)}`),
    },
  );
  const input = encodeURIComponent(JSON.stringify(superjson.serialize({})));
  const bff = subscribeSse(
    `${ctx.target.webUrl}/api/trpc/notifications.onEvent?input=${input}`,
    { cookie },
    (item) => deliver("bff", item as LiveItem),
    (error) => ctx.log(`BFF subscription error: ${error.message}`),
  );
  // Let the order.created notifications of the set-up go by before measuring.
  await sleep(3_000);

  const latency = { bff: new LatencyRecorder(), direct: new LatencyRecorder() };
  const mutation = new LatencyRecorder();
  try {
    ctx.log(`${orderCount * NEXT.length} status changes, one at a time`);
    for (const status of NEXT) {
      for (const orderId of orderIds) {
        const arrivals = CHANNELS.map((channel) => arrival(waiters, `${channel}:${orderId}:${status}`));
        const sent = performance.now();
        await ctx.admin.order.orders.updateStatus.mutate({ orderId, status });
        mutation.record(performance.now() - sent);
        const times = await Promise.all(arrivals);
        CHANNELS.forEach((channel, i) => {
          const at = times[i];
          if (at === undefined) latency[channel].recordError("NO_EVENT_IN_5S");
          else latency[channel].record(at - sent);
        });
      }
    }
  } finally {
    direct.unsubscribe();
    bff.close();
  }
  const viaBff = latency.bff.summary();
  const row = (variant: string, recorder: LatencyRecorder) => ({
    variant,
    result: `${recorder.count} events`,
    latency: recorder.summary(),
    raw: { ...recorder.summary(), errorCodes: recorder.errorCodes() },
  });
  return {
    id: "d",
    title: "Event latency: status change → SSE event",
    rows: [
      row("updateStatus → … → notify-svc → BFF SSE", latency.bff),
      row("same, notify-svc SSE directly", latency.direct),
      row("(updateStatus mutation alone)", mutation),
    ],
    target: "p95 < 250 ms",
    pass: viaBff.p95 < 250 && viaBff.errors === 0 && viaBff.count >= changes,
    notes: ["latency runs from sending updateStatus to the event at the subscriber (includes the mutation)"],
  };
}

/** Resolves with the arrival time of the event `key`, or undefined after EVENT_TIMEOUT_MS. */
function arrival(waiters: Map<string, (at: number) => void>, key: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      waiters.delete(key);
      resolve(undefined);
    }, EVENT_TIMEOUT_MS);
    waiters.set(key, (at) => {
      clearTimeout(timer);
      waiters.delete(key);
      resolve(at);
    });
  });
}
