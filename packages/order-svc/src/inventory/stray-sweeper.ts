import { type Loop, startLoop } from "@shop/service-kit/background";
import type { Logger } from "@shop/service-kit/log";
import type { ProductClient } from "../clients/product-client.ts";
import type { Db } from "../db.ts";

/**
 * Stray reservations: stock reserved for a checkout whose order never committed (order-svc crashed or
 * lost its database between reserve and commit). After the TTL, order-svc — the only one who knows
 * whether the order exists — commits reservations that belong to real orders and releases the rest.
 */
export async function sweepStrayReservations(
  db: Db,
  products: ProductClient,
  log: Logger,
  ttlSeconds: number,
): Promise<{ committed: number; released: number }> {
  const { orderIds } = await products.inventory.stale.query({ olderThanSeconds: ttlSeconds, limit: 100 });
  if (orderIds.length === 0) return { committed: 0, released: 0 };
  const existing = new Set(
    (await db.order.findMany({ where: { id: { in: orderIds } }, select: { id: true } })).map((o) => o.id),
  );
  let committed = 0;
  let released = 0;
  for (const orderId of orderIds) {
    if (existing.has(orderId)) {
      await products.inventory.commit.mutate({ orderId });
      committed += 1;
    } else {
      await products.inventory.release.mutate({ orderId });
      released += 1;
      log.warn({ orderId }, "released a stray reservation with no order");
    }
  }
  return { committed, released };
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
