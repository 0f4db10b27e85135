import type {
  OrderCreatedEvent,
  OrderStatusUpdatedV1Event,
  OrderStatusUpdatedV2Event,
} from "./order-events.ts";

/**
 * One sample of every event version a consumer must handle, as it travels in an SNS message body.
 * Consumers' tests run these through their real handlers (with fresh ids where a test needs them), so
 * adding a version here without handling it fails their tests, not production.
 */
export const orderEventSamples = {
  "order.created@1": {
    type: "order.created",
    version: 1,
    eventId: "5b8f3c1e-6f1a-4c0e-9d1e-2f3a4b5c6d7e",
    occurredAt: "2026-11-24T10:00:00.000Z",
    order: {
      id: "6c9f3c1e-6f1a-4c0e-9d1e-2f3a4b5c6d7e",
      userId: "7d0f3c1e-6f1a-4c0e-9d1e-2f3a4b5c6d7e",
      email: "ann@example.test",
      status: "PENDING",
      currency: "USD",
      subtotalCents: 2000,
      createdAt: "2026-11-24T10:00:00.000Z",
      items: [
        {
          productId: "8e1f3c1e-6f1a-4c0e-9d1e-2f3a4b5c6d7e",
          name: "Mug",
          unitPriceCents: 1000,
          quantity: 2,
          lineTotalCents: 2000,
        },
      ],
    },
  } satisfies OrderCreatedEvent,
  "order.status.updated@1": {
    type: "order.status.updated",
    version: 1,
    eventId: "9f2f3c1e-6f1a-4c0e-9d1e-2f3a4b5c6d7e",
    occurredAt: "2026-11-24T11:00:00.000Z",
    orderId: "6c9f3c1e-6f1a-4c0e-9d1e-2f3a4b5c6d7e",
    userId: "7d0f3c1e-6f1a-4c0e-9d1e-2f3a4b5c6d7e",
    email: "ann@example.test",
    from: "PENDING",
    to: "CONFIRMED",
    changedBy: { id: "admin-1", role: "ADMIN" },
  } satisfies OrderStatusUpdatedV1Event,
  "order.status.updated@2": {
    type: "order.status.updated",
    version: 2,
    eventId: "a03f3c1e-6f1a-4c0e-9d1e-2f3a4b5c6d7e",
    occurredAt: "2026-11-24T12:00:00.000Z",
    order: {
      id: "6c9f3c1e-6f1a-4c0e-9d1e-2f3a4b5c6d7e",
      userId: "7d0f3c1e-6f1a-4c0e-9d1e-2f3a4b5c6d7e",
      email: "ann@example.test",
    },
    status: { from: "CONFIRMED", to: "CANCELLED" },
    changedBy: { id: "admin-1", role: "ADMIN" },
    note: "The item is no longer available from our supplier.",
  } satisfies OrderStatusUpdatedV2Event,
} as const;
