import { z } from "zod";

/**
 * Order event contracts, shared by the producer (order-svc's outbox) and consumers (notify-svc).
 * Each event type carries a `version`; a breaking change adds a new version beside the old one, and
 * consumers keep parsing every version still in flight.
 */
export const ORDER_STATUSES = ["PENDING", "CONFIRMED", "SHIPPED", "DELIVERED", "CANCELLED"] as const;
export const orderStatusSchema = z.enum(ORDER_STATUSES);
export type OrderStatus = z.infer<typeof orderStatusSchema>;

const money = z.number().int().nonnegative();

export const orderCreatedV1 = z.object({
  type: z.literal("order.created"),
  version: z.literal(1),
  eventId: z.uuid(),
  occurredAt: z.iso.datetime(),
  order: z.object({
    id: z.uuid(),
    userId: z.uuid(),
    email: z.email(),
    status: orderStatusSchema,
    currency: z.string().length(3),
    subtotalCents: money,
    createdAt: z.iso.datetime(),
    items: z
      .array(
        z.object({
          productId: z.uuid(),
          name: z.string().min(1),
          unitPriceCents: money,
          quantity: z.number().int().positive(),
          lineTotalCents: money,
        }),
      )
      .min(1),
  }),
});

export const orderStatusUpdatedV1 = z.object({
  type: z.literal("order.status.updated"),
  version: z.literal(1),
  eventId: z.uuid(),
  occurredAt: z.iso.datetime(),
  orderId: z.uuid(),
  userId: z.uuid(),
  email: z.email(),
  from: orderStatusSchema,
  to: orderStatusSchema,
  changedBy: z.object({ id: z.string(), role: z.string() }),
});

export const orderEventSchema = z.discriminatedUnion("type", [orderCreatedV1, orderStatusUpdatedV1]);
export type OrderEvent = z.infer<typeof orderEventSchema>;
export type OrderCreatedEvent = z.infer<typeof orderCreatedV1>;
export type OrderStatusUpdatedEvent = z.infer<typeof orderStatusUpdatedV1>;
export type OrderEventType = OrderEvent["type"];
export const ORDER_EVENT_TYPES: readonly OrderEventType[] = ["order.created", "order.status.updated"];
