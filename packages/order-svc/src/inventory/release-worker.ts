import { type Loop, startLoop } from "@shop/service-kit/background";
import type { Logger } from "@shop/service-kit/log";
import type { ProductClient } from "../clients/product-client.ts";
import type { Db } from "../db.ts";
import { retryDelayMs } from "../outbox/relay.ts";

/**
 * Drains pending_inventory_releases: stock owed back to product-svc after a cancellation or a failed
 * checkout. inventory.release is idempotent per order, so a retry after an ambiguous failure (timeout
 * after product-svc applied it) cannot give stock back twice.
 */
export async function releasePending(
  db: Db,
  products: ProductClient,
  log: Logger,
  limit = 20,
): Promise<number> {
  const due = await db.pendingInventoryRelease.findMany({
    where: { nextAttemptAt: { lte: new Date() } },
    orderBy: { nextAttemptAt: "asc" },
    take: limit,
  });
  let done = 0;
  for (const item of due) {
    try {
      const result = await products.inventory.release.mutate({ orderId: item.orderId });
      await db.pendingInventoryRelease.delete({ where: { orderId: item.orderId } });
      log.info({ orderId: item.orderId, reason: item.reason, released: result.released }, "stock released");
      done += 1;
    } catch (error) {
      const attempts = item.attempts + 1;
      await db.pendingInventoryRelease.update({
        where: { orderId: item.orderId },
        data: {
          attempts,
          lastError: String((error as Error).message ?? error).slice(0, 500),
          nextAttemptAt: new Date(Date.now() + retryDelayMs(attempts)),
        },
      });
      log.warn({ orderId: item.orderId, attempts, err: error }, "stock release failed; will retry");
    }
  }
  return done;
}

export function startReleaseWorker(opts: {
  db: Db;
  products: ProductClient;
  log: Logger;
  intervalMs?: number;
}): Loop {
  return startLoop({
    log: opts.log,
    name: "inventory release worker",
    intervalMs: opts.intervalMs ?? 2_000,
    iteration: async () => (await releasePending(opts.db, opts.products, opts.log)) === 20,
  });
}
