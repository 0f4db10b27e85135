import type { Logger } from "@shop/service-kit/log";
import type { ProductClient } from "../clients/product-client.ts";
import type { Db } from "../db.ts";
import { queueInventoryUpdate } from "../inventory/inventory-updates.ts";
import { checkoutLockKeys, inCheckoutTransaction } from "./checkout-locks.ts";

export interface AbandonDeps {
  db: Db;
  products: ProductClient;
  log: Logger;
}

/**
 * Gives up a checkout that reserved stock but has no order, and gives the stock back. Under the
 * checkout's lock it either finds the order (written by a duplicate of the same checkout: nothing is
 * released) or records the checkout as abandoned — from then on no order can be written for it — and
 * queues the release in the same transaction. The release is then tried at once; if product-svc is
 * unreachable the inventory worker retries it. Safe to call any number of times.
 */
export async function abandonCheckout(
  deps: AbandonDeps,
  orderId: string,
  reason: string,
): Promise<"abandoned" | "order exists"> {
  const outcome = await inCheckoutTransaction(deps.db, [checkoutLockKeys.order(orderId)], async (tx) => {
    const order = await tx.order.findUnique({ where: { id: orderId }, select: { id: true } });
    if (order) return "order exists" as const;
    await tx.abandonedCheckout.createMany({ data: [{ orderId, reason }], skipDuplicates: true });
    await queueInventoryUpdate(tx, orderId, "RELEASE", reason);
    return "abandoned" as const;
  });
  if (outcome === "abandoned") {
    try {
      await deps.products.inventory.release.mutate({ orderId });
      await deps.db.pendingInventoryUpdate.deleteMany({ where: { orderId, action: "RELEASE" } });
    } catch (error) {
      deps.log.warn({ orderId, err: error }, "release failed; the inventory worker will retry it");
    }
  }
  return outcome;
}
