import { z } from "zod";

/**
 * Order event contracts, shared by the producer (order-svc's outbox) and consumers (notify-svc).
 * Each event type carries a `version`; a breaking change adds a new version beside the old one, and
 * consumers keep parsing every version still in flight. Routing is two-level — by `type`, then by
 * `version` within a type — because one flat union on `type` cannot hold two members with the same
 * type (zod refuses duplicate discriminator values).
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

/**
 * v2 groups the order and its shopper under `order` (as order.created does) and the transition under
 * `status`, names who changed it by a closed set of roles, and can carry a note for the shopper (a
 * cancellation reason, a carrier's remark). Producers still emit v1; consumers accept both.
 */
export const orderStatusUpdatedV2 = z.object({
  type: z.literal("order.status.updated"),
  version: z.literal(2),
  eventId: z.uuid(),
  occurredAt: z.iso.datetime(),
  order: z.object({ id: z.uuid(), userId: z.uuid(), email: z.email() }),
  status: z.object({ from: orderStatusSchema, to: orderStatusSchema }),
  changedBy: z.object({ id: z.string(), role: z.enum(["SHOPPER", "ADMIN", "SERVICE"]) }),
  note: z.string().min(1).max(500).optional(),
});

/** Every version of each type; add a version here and every consumer's exhaustive switch must handle it. */
export const orderCreatedSchema = z.discriminatedUnion("version", [orderCreatedV1]);
export const orderStatusUpdatedSchema = z.discriminatedUnion("version", [
  orderStatusUpdatedV1,
  orderStatusUpdatedV2,
]);

export const orderEventSchema = z.discriminatedUnion("type", [orderCreatedSchema, orderStatusUpdatedSchema]);
export type OrderEvent = z.infer<typeof orderEventSchema>;
export type OrderCreatedEvent = z.infer<typeof orderCreatedSchema>;
/** Any version of order.status.updated; producers build the version they emit (v1 today). */
export type OrderStatusUpdatedEvent = z.infer<typeof orderStatusUpdatedSchema>;
export type OrderStatusUpdatedV1Event = z.infer<typeof orderStatusUpdatedV1>;
export type OrderStatusUpdatedV2Event = z.infer<typeof orderStatusUpdatedV2>;
export type OrderEventType = OrderEvent["type"];
export const ORDER_EVENT_TYPES: readonly OrderEventType[] = ["order.created", "order.status.updated"];
