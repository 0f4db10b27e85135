import { TRPCError } from "@trpc/server";
import type { Db } from "../db.ts";
import { allowedTransitions } from "./order-status.ts";

export const orderSummarySelect = {
  id: true,
  status: true,
  subtotalCents: true,
  currency: true,
  createdAt: true,
  updatedAt: true,
  _count: { select: { items: true } },
} as const;

const orderDetailSelect = {
  id: true,
  userId: true,
  userEmail: true,
  status: true,
  subtotalCents: true,
  currency: true,
  createdAt: true,
  updatedAt: true,
  items: {
    select: { productId: true, name: true, unitPriceCents: true, quantity: true, lineTotalCents: true },
    orderBy: { name: "asc" as const },
  },
  history: {
    select: { fromStatus: true, toStatus: true, changedByRole: true, createdAt: true },
    orderBy: { createdAt: "asc" as const },
  },
} as const;

/**
 * One order with lines, timeline and the transitions its viewer may apply next. Someone else's order is
 * NOT_FOUND rather than FORBIDDEN, so order ids cannot be probed.
 */
export async function orderForViewer(db: Db, orderId: string, viewer: { id: string; role: string }) {
  const order = await db.order.findUnique({ where: { id: orderId }, select: orderDetailSelect });
  if (!order || (viewer.role !== "ADMIN" && order.userId !== viewer.id)) {
    throw new TRPCError({ code: "NOT_FOUND", message: "No such order" });
  }
  const next = allowedTransitions(order.status);
  return {
    ...order,
    currency: order.currency.trim(),
    allowedTransitions: viewer.role === "ADMIN" ? next : next.filter((s) => s === "CANCELLED"),
  };
}
