import { randomUUID } from "node:crypto";
import type { OrderCreatedEvent, OrderStatus, OrderStatusUpdatedEvent } from "@shop/events/order-events";
import { orderCreatedV1, orderStatusUpdatedV1 } from "@shop/events/order-events";
import type { Prisma } from "../generated/prisma/client.ts";

/** Builders for outbox rows. Payloads are validated against the shared schema before they are stored. */
type Tx = Prisma.TransactionClient;

interface OrderForEvent {
  id: string;
  userId: string;
  userEmail: string;
  status: OrderStatus;
  currency: string;
  subtotalCents: number;
  createdAt: Date;
  items: {
    productId: string;
    name: string;
    unitPriceCents: number;
    quantity: number;
    lineTotalCents: number;
  }[];
}

export async function recordOrderCreated(tx: Tx, order: OrderForEvent): Promise<void> {
  const event: OrderCreatedEvent = orderCreatedV1.parse({
    type: "order.created",
    version: 1,
    eventId: randomUUID(),
    occurredAt: new Date().toISOString(),
    order: {
      id: order.id,
      userId: order.userId,
      email: order.userEmail,
      status: order.status,
      currency: order.currency,
      subtotalCents: order.subtotalCents,
      createdAt: order.createdAt.toISOString(),
      items: order.items,
    },
  });
  await insert(tx, event.eventId, event.type, order.id, event);
}

export async function recordStatusUpdated(
  tx: Tx,
  change: {
    orderId: string;
    userId: string;
    email: string;
    from: OrderStatus;
    to: OrderStatus;
    by: { id: string; role: string };
  },
): Promise<void> {
  const event: OrderStatusUpdatedEvent = orderStatusUpdatedV1.parse({
    type: "order.status.updated",
    version: 1,
    eventId: randomUUID(),
    occurredAt: new Date().toISOString(),
    orderId: change.orderId,
    userId: change.userId,
    email: change.email,
    from: change.from,
    to: change.to,
    changedBy: change.by,
  });
  await insert(tx, event.eventId, event.type, change.orderId, event);
}

async function insert(
  tx: Tx,
  id: string,
  eventType: string,
  aggregateId: string,
  payload: object,
): Promise<void> {
  await tx.outboxEvent.create({ data: { id, eventType, aggregateId, payload } });
  // Wakes the relay at once (delivered on commit); polling remains the fallback.
  await tx.$executeRaw`SELECT pg_notify('outbox', '')`;
}
