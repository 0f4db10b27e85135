import type { OrderStatus } from "@shop/events/order-events";
import { TRPCError } from "@trpc/server";
import type { Db } from "../db.ts";
import { queueInventoryUpdate } from "../inventory/inventory-updates.ts";
import { canTransition, inventoryActionFor } from "./order-status.ts";
import { recordStatusUpdated } from "./outbox-events.ts";

export interface Actor {
  id: string;
  role: string;
}

/**
 * Moves an order to `to` if the state machine allows it, writing the status history row, the outbox
 * event and what it owes product-svc's inventory (a release for a cancellation, a shipment for
 * SHIPPED) in the same transaction, so none of them can be lost. The update is
 * conditional on the status read, so two admins racing cannot both apply a transition.
 */
export async function changeOrderStatus(db: Db, orderId: string, to: OrderStatus, actor: Actor) {
  return db.$transaction(async (tx) => {
    const order = await tx.order.findUnique({
      where: { id: orderId },
      select: { id: true, status: true, userId: true, userEmail: true },
    });
    if (!order) throw new TRPCError({ code: "NOT_FOUND", message: "No such order" });
    if (!canTransition(order.status, to)) {
      throw new TRPCError({
        code: "PRECONDITION_FAILED",
        message: `An order that is ${order.status} cannot become ${to}`,
      });
    }
    const { count } = await tx.order.updateMany({
      where: { id: orderId, status: order.status },
      data: { status: to },
    });
    if (count !== 1) {
      throw new TRPCError({ code: "CONFLICT", message: "The order changed meanwhile; reload and try again" });
    }
    await tx.orderStatusChange.create({
      data: {
        orderId,
        fromStatus: order.status,
        toStatus: to,
        changedBy: actor.id,
        changedByRole: actor.role,
      },
    });
    await recordStatusUpdated(tx, {
      orderId,
      userId: order.userId,
      email: order.userEmail,
      from: order.status,
      to,
      by: actor,
    });
    const inventory = inventoryActionFor(to);
    if (inventory) await queueInventoryUpdate(tx, orderId, inventory, `order ${to.toLowerCase()}`);
    return { id: orderId, from: order.status, status: to };
  });
}
