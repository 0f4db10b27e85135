import { type Loop, startLoop } from "@shop/service-kit/background";
import type { Logger } from "@shop/service-kit/log";
import type { ProductClient } from "../clients/product-client.ts";
import type { Db } from "../db.ts";
import { abandonCheckout } from "../orders/abandon-checkout.ts";

/**
 * Stray reservations: stock reserved for a checkout whose order never got written (order-svc crashed
 * or lost its database between reserving and writing). After the TTL, order-svc — the only one who
 * knows whether the order exists — marks reservations of real orders as placed and abandons the rest
 * (abandonCheckout: released, and no late duplicate of that checkout can write an order on them).
 */
export async function sweepStrayReservations(
  db: Db,
  products: ProductClient,
  log: Logger,
  ttlSeconds: number,
): Promise<{ placed: number; released: number }> {
  const { orderIds } = await products.inventory.stale.query({ olderThanSeconds: ttlSeconds, limit: 100 });
  if (orderIds.length === 0) return { placed: 0, released: 0 };
  const existing = new Set(
    (await db.order.findMany({ where: { id: { in: orderIds } }, select: { id: true } })).map((o) => o.id),
  );
  let placed = 0;
  let released = 0;
  for (const orderId of orderIds) {
    if (!existing.has(orderId)) {
      const outcome = await abandonCheckout({ db, products, log }, orderId, "stray reservation");
      if (outcome === "abandoned") {
        released += 1;
        log.warn({ orderId }, "released a stray reservation with no order");
        continue;
      }
    }
    await products.inventory.markPlaced.mutate({ orderId });
    placed += 1;
  }
  return { placed, released };
}

export function startStraySweeper(opts: {
  db: Db;
  products: ProductClient;
  log: Logger;
  ttlSeconds: number;
  intervalMs?: number;
}): Loop {
  return startLoop({
    log: opts.log,
    name: "stray reservation sweeper",
    intervalMs: opts.intervalMs ?? 60_000,
    // Nothing can be stray before the TTL has passed, and product-svc may still be starting.
    initialDelayMs: opts.intervalMs ?? 60_000,
    iteration: async () => {
      await sweepStrayReservations(opts.db, opts.products, opts.log, opts.ttlSeconds);
    },
  });
}
