import type { OrderEvent, OrderStatus } from "@shop/events/order-events";

/** What a notification needs from an event, whichever type and version it came as. */
export interface NotificationFacts {
  userId: string;
  email: string;
  orderId: string;
  /** The order's status after the event. */
  orderStatus: OrderStatus;
  /** A producer's note for the shopper (order.status.updated v2). */
  note?: string;
}

/** Exhaustive over (type, version): a new version fails the typecheck here until it is handled. */
export function notificationFacts(event: OrderEvent): NotificationFacts {
  switch (event.type) {
    case "order.created":
      return {
        userId: event.order.userId,
        email: event.order.email,
        orderId: event.order.id,
        orderStatus: event.order.status,
      };
    case "order.status.updated":
      switch (event.version) {
        case 1:
          return { userId: event.userId, email: event.email, orderId: event.orderId, orderStatus: event.to };
        case 2:
          return {
            userId: event.order.userId,
            email: event.order.email,
            orderId: event.order.id,
            orderStatus: event.status.to,
            ...(event.note ? { note: event.note } : {}),
          };
      }
  }
}
