import type { BffOutputs } from "../../server/trpc/router.ts";

export type OrderDetail = BffOutputs["orders"]["byId"];
export type OrderStatus = OrderDetail["status"];
export type OrderHistoryEntry = OrderDetail["history"][number];

/** Every status, in lifecycle order (mirrors order-svc's state machine; used for filters). */
export const ORDER_STATUSES: readonly OrderStatus[] = [
  "PENDING",
  "CONFIRMED",
  "SHIPPED",
  "DELIVERED",
  "CANCELLED",
];

export const STATUS_LABELS: Record<OrderStatus, string> = {
  PENDING: "Pending",
  CONFIRMED: "Confirmed",
  SHIPPED: "Shipped",
  DELIVERED: "Delivered",
  CANCELLED: "Cancelled",
};

/** The happy path, for showing the steps an order has not reached yet. */
export const FULFILMENT_STEPS: readonly OrderStatus[] = ["PENDING", "CONFIRMED", "SHIPPED", "DELIVERED"];

/** What an admin's button for moving an order to `status` says. */
export const ADMIN_ACTION_LABELS: Record<OrderStatus, string> = {
  PENDING: "Mark as pending",
  CONFIRMED: "Confirm order",
  SHIPPED: "Mark as shipped",
  DELIVERED: "Mark as delivered",
  CANCELLED: "Cancel order",
};

/** Orders per page in a shopper's history (server-rendered first page and the ones loaded after). */
export const ORDER_HISTORY_PAGE_SIZE = 10;

/** The short number people quote ("#63BEC955"); emails and notifications use the same. */
export function orderNumber(orderId: string): string {
  return `#${orderId.slice(0, 8).toUpperCase()}`;
}

/** "by you", "by the shop": who made a status change, from the viewer's point of view. */
export function changedByLabel(role: string, viewer: "shopper" | "admin"): string {
  switch (role) {
    case "SHOPPER":
      return viewer === "shopper" ? "by you" : "by the customer";
    case "ADMIN":
      return viewer === "shopper" ? "by the shop" : "by an admin";
    default:
      return "automatically";
  }
}

export function timelineTitle(status: OrderStatus): string {
  switch (status) {
    case "PENDING":
      return "Order placed";
    case "CONFIRMED":
      return "Order confirmed";
    case "SHIPPED":
      return "Shipped";
    case "DELIVERED":
      return "Delivered";
    case "CANCELLED":
      return "Cancelled";
  }
}
