import { randomUUID } from "node:crypto";
import { metricsRegistry } from "@shop/service-kit/metrics";
import { callers } from "@shop/testing/service";
import type { TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppRouter } from "../src/router/index.ts";
import { type OrderStack, shopper, startOrderStack } from "./stack.ts";

let stack: OrderStack;
beforeAll(async () => {
  stack = await startOrderStack();
});
afterAll(() => stack?.close());

const codeOf = (e: unknown) => (e as TRPCClientError<AppRouter>).data?.code;

/** orders_placed_total as /metrics would show it (the services under test run in this process). */
async function ordersPlacedTotal(): Promise<number> {
  const metric = metricsRegistry.getSingleMetric("orders_placed_total");
  const values = (await metric?.get())?.values ?? [];
  return values.reduce((sum, v) => sum + v.value, 0);
}

describe("orders.place", () => {
  // First in the file: the counter is process-wide, and a slower test's requests could still be
  // committing when a later test reads it.
  it("counts each committed order once in orders_placed_total: not replays, not refusals", async () => {
    const p = await stack.makeProduct(2);
    const me = stack.orders.as(shopper(90));
    const before = await ordersPlacedTotal();
    const key = randomUUID();
    const replays = Array.from({ length: 5 }, () =>
      me.orders.place.mutate({ idempotencyKey: key, items: [{ productId: p.id, quantity: 1 }] }),
    );
    expect(new Set((await Promise.all(replays)).map((o) => o.id)).size).toBe(1);
    await me.orders.place.mutate({ idempotencyKey: randomUUID(), items: [{ productId: p.id, quantity: 1 }] });
    const refused = await me.orders.place
      .mutate({ idempotencyKey: randomUUID(), items: [{ productId: p.id, quantity: 1 }] })
      .catch((e: unknown) => codeOf(e));
    expect(refused).toBe("CONFLICT");
    // The metric behind Grafana's orders per minute.
    expect((await ordersPlacedTotal()) - before).toBe(2);
  });

  it("50 concurrent orders for 20 in stock: exactly 20 orders, stock 0, never negative", async () => {
    const p = await stack.makeProduct(20);
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        stack.orders
          .as(shopper(i))
          .orders.place.mutate({ idempotencyKey: randomUUID(), items: [{ productId: p.id, quantity: 1 }] })
          .then(() => "ok")
          .catch((e: unknown) => codeOf(e)),
      ),
    );
    expect(outcomes.filter((o) => o === "ok")).toHaveLength(20);
    expect(outcomes.filter((o) => o === "CONFLICT")).toHaveLength(30);
    expect(await stack.levelsOf(p.id)).toEqual({ onHand: 20, reserved: 20, available: 0 });
    expect(await stack.db.order.count({ where: { items: { some: { productId: p.id } } } })).toBe(20);
  });

  it("the same idempotency key sent 10 times at once yields one order", async () => {
    const p = await stack.makeProduct(50);
    const key = randomUUID();
    const me = stack.orders.as(shopper(100));
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        me.orders.place.mutate({ idempotencyKey: key, items: [{ productId: p.id, quantity: 2 }] }),
      ),
    );
    expect(new Set(results.map((o) => o.id)).size).toBe(1);
    expect(await stack.db.order.count({ where: { userId: shopper(100).sub } })).toBe(1);
    expect(await stack.availableOf(p.id)).toBe(48);
    expect(
      await stack.db.outboxEvent.count({
        where: { aggregateId: results[0]?.id, eventType: "order.created" },
      }),
    ).toBe(1);
  });

  it("refuses a key reused for a different order", async () => {
    const p = await stack.makeProduct(10);
    const key = randomUUID();
    const me = stack.orders.as(shopper(101));
    await me.orders.place.mutate({ idempotencyKey: key, items: [{ productId: p.id, quantity: 1 }] });
    const error = await me.orders.place
      .mutate({ idempotencyKey: key, items: [{ productId: p.id, quantity: 2 }] })
      .catch((e: unknown) => e);
    expect(codeOf(error)).toBe("CONFLICT");
  });

  it("names each missing product and how many are left", async () => {
    const few = await stack.makeProduct(1);
    const error = (await stack.orders
      .as(shopper(102))
      .orders.place.mutate({ idempotencyKey: randomUUID(), items: [{ productId: few.id, quantity: 3 }] })
      .catch((e: unknown) => e)) as TRPCClientError<AppRouter>;
    expect(error.data?.code).toBe("CONFLICT");
    expect(error.message).toContain(`${few.name} (1 left, 3 requested)`);
    expect(error.data?.details).toEqual({
      outOfStock: [{ productId: few.id, name: few.name, requested: 3, available: 1 }],
    });
  });

  it("orders the cart, snapshots prices in integer cents and empties the cart", async () => {
    const p = await stack.makeProduct(10, 1999);
    const me = stack.orders.as(shopper(103));
    await me.cart.add.mutate({ productId: p.id, quantity: 3 });
    const order = await me.orders.place.mutate({ idempotencyKey: randomUUID() });
    expect(order.items).toEqual([
      { productId: p.id, name: p.name, unitPriceCents: 1999, quantity: 3, lineTotalCents: 5997 },
    ]);
    expect(order.subtotalCents).toBe(5997);
    expect(order.status).toBe("PENDING");
    expect((await me.cart.get.query()).items).toEqual([]);
    const empty = await me.orders.place.mutate({ idempotencyKey: randomUUID() }).catch((e: unknown) => e);
    expect(codeOf(empty)).toBe("BAD_REQUEST");
  });

  it("a later price change does not change past orders", async () => {
    const p = await stack.makeProduct(10, 1000);
    const me = stack.orders.as(shopper(104));
    const order = await me.orders.place.mutate({
      idempotencyKey: randomUUID(),
      items: [{ productId: p.id, quantity: 1 }],
    });
    await stack.productDb.product.update({
      where: { id: p.id },
      data: { priceCents: 5000, name: "Renamed" },
    });
    const again = await me.orders.byId.query({ orderId: order.id });
    expect(again.items[0]).toMatchObject({ unitPriceCents: 1000, name: p.name });
    expect(again.subtotalCents).toBe(1000);
  });

  it("needs a signed-in shopper", async () => {
    const error = await stack.orders
      .as(callers.guest)
      .orders.place.mutate({ idempotencyKey: randomUUID() })
      .catch((e: unknown) => e);
    expect(codeOf(error)).toBe("UNAUTHORIZED");
  });

  it("refuses a buyer whose email is not verified, before reserving any stock", async () => {
    const p = await stack.makeProduct(5);
    const buyer = shopper(300);
    await stack.userDb.user.update({ where: { id: buyer.sub }, data: { emailVerified: false } });
    const error = (await stack.orders
      .as(buyer)
      .orders.place.mutate({ idempotencyKey: randomUUID(), items: [{ productId: p.id, quantity: 1 }] })
      .catch((e: unknown) => e)) as TRPCClientError<AppRouter>;
    expect(error.data?.code).toBe("PRECONDITION_FAILED");
    expect(error.message).toBe("Verify your email address before placing an order");
    expect(await stack.availableOf(p.id)).toBe(5);
    expect(await stack.db.order.count({ where: { userId: buyer.sub } })).toBe(0);

    // Once verified, the same checkout goes through — to the address user-svc has, not the token's.
    await stack.userDb.user.update({ where: { id: buyer.sub }, data: { emailVerified: true } });
    const order = await stack.orders
      .as({ ...buyer, email: "stale-token-address@example.test" })
      .orders.place.mutate({ idempotencyKey: randomUUID(), items: [{ productId: p.id, quantity: 1 }] });
    expect(order.userEmail).toBe(buyer.email);
  });
});
