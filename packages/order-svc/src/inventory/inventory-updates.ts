import { type Loop, startLoop } from "@shop/service-kit/background";
import type { Logger } from "@shop/service-kit/log";
import type { ProductClient } from "../clients/product-client.ts";
import type { Db } from "../db.ts";
import type { InventoryAction, Prisma } from "../generated/prisma/client.ts";
import { retryDelayMs } from "../outbox/relay.ts";

/**
 * Inventory calls owed to product-svc: RELEASE after a cancellation or a failed checkout, SHIP when an
 * order ships. They are written to pending_inventory_updates in the same transaction as the change
 * that causes them (so none is lost) and drained by a retrying worker. product-svc's calls are
 * idempotent per order, so a retry after an ambiguous failure (a timeout after it applied the call)
 * cannot release or ship twice, and two replicas draining the same row at once are harmless.
 */
type Tx = Prisma.TransactionClient;

export async function queueInventoryUpdate(
  tx: Tx,
  orderId: string,
  action: InventoryAction,
  reason: string,
): Promise<void> {
  await tx.pendingInventoryUpdate.upsert({
    where: { orderId_action: { orderId, action } },
    create: { orderId, action, reason },
    update: {},
  });
}

/** Makes one call to product-svc; throws when it should be tried again later. */
async function apply(products: ProductClient, log: Logger, orderId: string, action: InventoryAction) {
  if (action === "RELEASE") {
    const result = await products.inventory.release.mutate({ orderId });
    log.info({ orderId, released: result.released, status: result.status }, "stock released");
    return;
  }
  const result = await products.inventory.ship.mutate({ orderId });
  if (result.status !== "SHIPPED") {
    // Nothing left to retry: product-svc holds no reservation this shipment could commit. The state
    // machines make this unreachable (a released order cannot ship); log it loudly if it ever is.
    log.error({ orderId, status: result.status }, "shipped order had no reservation to commit");
    return;
  }
  log.info({ orderId, shipped: result.shipped }, "shipped stock committed");
}

/** Applies the due updates (one batch); returns how many were applied. */
export async function applyPendingInventoryUpdates(
  db: Db,
  products: ProductClient,
  log: Logger,
  limit = 20,
): Promise<number> {
  const due = await db.pendingInventoryUpdate.findMany({
    where: { nextAttemptAt: { lte: new Date() } },
    orderBy: { nextAttemptAt: "asc" },
    take: limit,
  });
  let done = 0;
  for (const item of due) {
    const key = { orderId: item.orderId, action: item.action };
    try {
      await apply(products, log, item.orderId, item.action);
      await db.pendingInventoryUpdate.deleteMany({ where: key });
      done += 1;
    } catch (error) {
      const attempts = item.attempts + 1;
      await db.pendingInventoryUpdate.updateMany({
        where: key,
        data: {
          attempts,
          lastError: String((error as Error).message ?? error).slice(0, 500),
          nextAttemptAt: new Date(Date.now() + retryDelayMs(attempts)),
        },
      });
      log.warn({ ...key, attempts, err: error }, "inventory update failed; will retry");
    }
  }
  return done;
}

export function startInventoryUpdateWorker(opts: {
  db: Db;
  products: ProductClient;
  log: Logger;
  intervalMs?: number;
}): Loop {
  return startLoop({
    log: opts.log,
    name: "inventory update worker",
    intervalMs: opts.intervalMs ?? 2_000,
    iteration: async () => (await applyPendingInventoryUpdates(opts.db, opts.products, opts.log)) === 20,
  });
}
