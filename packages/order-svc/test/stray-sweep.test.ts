import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sweepStrayReservations } from "../src/inventory/stray-sweeper.ts";
import { type OrderStack, shopper, startOrderStack } from "./stack.ts";

let stack: OrderStack;
beforeAll(async () => {
  stack = await startOrderStack();
});
afterAll(() => stack?.close());

describe("stray reservation sweep", () => {
  it("releases stock reserved for an order that never committed and keeps real orders' stock", async () => {
    const p = await stack.makeProduct(10);
    // A crash between reserve and the order transaction leaves this behind:
    const strayId = randomUUID();
    await stack.products.inventory.reserve.mutate({
      orderId: strayId,
      items: [{ productId: p.id, quantity: 4 }],
    });
    // A real order whose "placed" notice to product-svc was lost:
    const order = await stack.orders
      .as(shopper(1))
      .orders.place.mutate({ idempotencyKey: randomUUID(), items: [{ productId: p.id, quantity: 1 }] });
    await stack.productDb.stockReservation.update({
      where: { orderId: order.id },
      data: { status: "AWAITING_ORDER" },
    });
    expect(await stack.levelsOf(p.id)).toEqual({ onHand: 10, reserved: 5, available: 5 });

    // Young reservations are left alone (the checkout may still be running)...
    expect(await sweepStrayReservations(stack.db, stack.products, stack.log, 600)).toEqual({
      placed: 0,
      released: 0,
    });
    // ...old ones are resolved.
    await stack.productDb.stockReservation.updateMany({
      data: { createdAt: new Date(Date.now() - 3_600_000) },
    });
    expect(await sweepStrayReservations(stack.db, stack.products, stack.log, 600)).toEqual({
      placed: 1,
      released: 1,
    });
    expect(await stack.levelsOf(p.id)).toEqual({ onHand: 10, reserved: 1, available: 9 });
    const statuses = await stack.productDb.stockReservation.findMany({
      select: { orderId: true, status: true },
    });
    expect(statuses.find((s) => s.orderId === strayId)?.status).toBe("RELEASED");
    expect(statuses.find((s) => s.orderId === order.id)?.status).toBe("ORDER_PLACED");
    // The stray checkout is recorded as abandoned: a late duplicate of it can never write an order.
    expect(await stack.db.abandonedCheckout.count({ where: { orderId: strayId } })).toBe(1);
  });
});
