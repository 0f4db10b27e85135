import type { OrderStatus } from "@shop/events/order-events";

/**
 * The order lifecycle. PENDING → CONFIRMED → SHIPPED → DELIVERED, and CANCELLED from PENDING or
 * CONFIRMED only: once a parcel has left, cancelling is a return, not a status change.
 */
const NEXT: Record<OrderStatus, readonly OrderStatus[]> = {
  PENDING: ["CONFIRMED", "CANCELLED"],
  CONFIRMED: ["SHIPPED", "CANCELLED"],
  SHIPPED: ["DELIVERED"],
  DELIVERED: [],
  CANCELLED: [],
};

export function allowedTransitions(from: OrderStatus): readonly OrderStatus[] {
  return NEXT[from];
}

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return NEXT[from].includes(to);
}

export function isCancellable(status: OrderStatus): boolean {
  return canTransition(status, "CANCELLED");
}

/**
 * What a transition owes product-svc's inventory: cancelling gives the held units back, shipping
 * takes them off the shelf count. No other transition touches inventory. (Once SHIPPED, CANCELLED is
 * unreachable, so a shipped order's units can never be released as well.)
 */
export function inventoryActionFor(to: OrderStatus): "RELEASE" | "SHIP" | null {
  if (to === "CANCELLED") return "RELEASE";
  if (to === "SHIPPED") return "SHIP";
  return null;
}
