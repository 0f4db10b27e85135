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

/** Cancelling gives reserved stock back; no other transition touches inventory. */
export function releasesStock(to: OrderStatus): boolean {
  return to === "CANCELLED";
}
