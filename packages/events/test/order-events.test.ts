import { describe, expect, it } from "vitest";
import { orderEventSchema } from "../src/order-events.ts";

const created = {
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
};

describe("order event schemas", () => {
  it("accept a well-formed order.created v1", () => {
    expect(orderEventSchema.parse(created).type).toBe("order.created");
  });

  it("reject a blank recipient, an unknown version and an unknown type", () => {
    expect(orderEventSchema.safeParse({ ...created, order: { ...created.order, email: "" } }).success).toBe(
      false,
    );
    expect(orderEventSchema.safeParse({ ...created, version: 2 }).success).toBe(false);
    expect(orderEventSchema.safeParse({ ...created, type: "order.exploded" }).success).toBe(false);
  });

  it("reject fractional money", () => {
    const bad = { ...created, order: { ...created.order, subtotalCents: 19.99 } };
    expect(orderEventSchema.safeParse(bad).success).toBe(false);
  });
});
