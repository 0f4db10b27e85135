import { randomUUID } from "node:crypto";
import type { TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { abandonCheckout } from "../src/orders/abandon-checkout.ts";
import { orderIdFor } from "../src/orders/checkout-identity.ts";
import { checkoutLockKeys } from "../src/orders/checkout-locks.ts";
import type { AppRouter } from "../src/router/index.ts";
import { holdAdvisoryLock } from "./advisory-lock.ts";
import { type OrderStack, shopper, startOrderStack } from "./stack.ts";

/**
 * orders.place is idempotent per idempotency key on every path a shopper's retry can take: after the
 * first attempt emptied the cart, while the first attempt is still running, with explicit lines.
 */
let stack: OrderStack;
beforeAll(async () => {
  stack = await startOrderStack();
});
afterAll(() => stack?.close());

const codeOf = (e: unknown) => (e as TRPCClientError<AppRouter>).data?.code;

describe("retrying a checkout from the cart", () => {
  it("the same call again (the first emptied the cart) returns the order already placed", async () => {
    const p = await stack.makeProduct(10, 1200);
    const me = stack.orders.as(shopper(200));
    await me.cart.add.mutate({ productId: p.id, quantity: 2 });
    const key = randomUUID();
    const first = await me.orders.place.mutate({ idempotencyKey: key });
    expect((await me.cart.get.query()).items).toEqual([]);
    const retry = await me.orders.place.mutate({ idempotencyKey: key });
    expect(retry.id).toBe(first.id);
    expect(retry.items).toEqual(first.items);
    expect(await stack.db.order.count({ where: { userId: shopper(200).sub } })).toBe(1);
    expect(await stack.levelsOf(p.id)).toEqual({ onHand: 10, reserved: 2, available: 8 });
  });

  it("ten submits of one cart checkout at once: one order, one reservation, no CONFLICT", async () => {
    const p = await stack.makeProduct(10);
    const me = stack.orders.as(shopper(201));
    await me.cart.add.mutate({ productId: p.id, quantity: 3 });
    const key = randomUUID();
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        me.orders.place.mutate({ idempotencyKey: key }).then(
          (o) => o.id,
          (e: unknown) => codeOf(e),
        ),
      ),
    );
    expect(new Set(results)).toEqual(new Set([orderIdFor(shopper(201).sub, key)]));
    expect(await stack.levelsOf(p.id)).toEqual({ onHand: 10, reserved: 3, available: 7 });
    expect(
      await stack.db.outboxEvent.count({ where: { aggregateId: results[0], eventType: "order.created" } }),
    ).toBe(1);
  });

  it("a retry that arrives while the first attempt is still writing ends with the same order", async () => {
    const p = await stack.makeProduct(10);
    const who = shopper(202);
    const me = stack.orders.as(who);
    await me.cart.add.mutate({ productId: p.id, quantity: 1 });
    const key = randomUUID();
    // Both attempts get as far as writing the order (stock reserved once, under the shared order id)
    // and wait there until the test lets them go.
    const gate = await holdAdvisoryLock(stack.orderDbUrl, checkoutLockKeys.shopper(who.sub));
    const first = me.orders.place.mutate({ idempotencyKey: key });
    const retry = me.orders.place.mutate({ idempotencyKey: key });
    await gate.waitForWaiters(2);
    expect(await stack.levelsOf(p.id)).toEqual({ onHand: 10, reserved: 1, available: 9 });
    await gate.release();
    const [a, b] = await Promise.all([first, retry]);
    expect(a.id).toBe(b.id);
    expect(await stack.db.order.count({ where: { userId: who.sub } })).toBe(1);
    expect(await stack.levelsOf(p.id)).toEqual({ onHand: 10, reserved: 1, available: 9 });
  });
});

describe("retrying a checkout of explicit lines", () => {
  it("the same lines return the same order; other lines, or the cart, under that key are a CONFLICT", async () => {
    const p = await stack.makeProduct(10);
    const me = stack.orders.as(shopper(203));
    const key = randomUUID();
    const first = await me.orders.place.mutate({
      idempotencyKey: key,
      items: [{ productId: p.id, quantity: 2 }],
    });
    const split = await me.orders.place.mutate({
      idempotencyKey: key,
      items: [
        { productId: p.id, quantity: 1 },
        { productId: p.id, quantity: 1 },
      ],
    });
    expect(split.id).toBe(first.id);
    const other = await me.orders.place
      .mutate({ idempotencyKey: key, items: [{ productId: p.id, quantity: 3 }] })
      .catch((e: unknown) => e);
    expect(codeOf(other)).toBe("CONFLICT");
    expect((other as Error).message).toBe("This idempotency key was already used for a different order");
    await me.cart.add.mutate({ productId: p.id, quantity: 1 });
    expect(codeOf(await me.orders.place.mutate({ idempotencyKey: key }).catch((e: unknown) => e))).toBe(
      "CONFLICT",
    );
    expect(await stack.levelsOf(p.id)).toEqual({ onHand: 10, reserved: 2, available: 8 });
  });

  it("other lines racing under one key: one order, the other request a CONFLICT, stock held once", async () => {
    const p = await stack.makeProduct(10);
    const who = shopper(204);
    const me = stack.orders.as(who);
    const key = randomUUID();
    const gate = await holdAdvisoryLock(stack.orderDbUrl, checkoutLockKeys.shopper(who.sub));
    const two = me.orders.place.mutate({ idempotencyKey: key, items: [{ productId: p.id, quantity: 2 }] });
    await gate.waitForWaiters(1);
    const three = me.orders.place
      .mutate({ idempotencyKey: key, items: [{ productId: p.id, quantity: 3 }] })
      .catch((e: unknown) => e);
    expect(codeOf(await three)).toBe("CONFLICT");
    await gate.release();
    expect((await two).items[0]?.quantity).toBe(2);
    expect(await stack.levelsOf(p.id)).toEqual({ onHand: 10, reserved: 2, available: 8 });
  });
});

describe("an abandoned checkout", () => {
  it("a duplicate still in flight cannot write an order on stock that was given back", async () => {
    const p = await stack.makeProduct(10);
    const who = shopper(205);
    const key = randomUUID();
    const orderId = orderIdFor(who.sub, key);
    const gate = await holdAdvisoryLock(stack.orderDbUrl, checkoutLockKeys.shopper(who.sub));
    const inFlight = stack.orders
      .as(who)
      .orders.place.mutate({ idempotencyKey: key, items: [{ productId: p.id, quantity: 4 }] })
      .catch((e: unknown) => e);
    await gate.waitForWaiters(1);
    // Meanwhile the checkout is given up (as the stray sweep does): its reservation is released.
    expect(await abandonCheckout(stack, orderId, "test")).toBe("abandoned");
    expect(await stack.levelsOf(p.id)).toEqual({ onHand: 10, reserved: 0, available: 10 });
    await gate.release();
    const refused = await inFlight;
    expect(codeOf(refused)).toBe("PRECONDITION_FAILED");
    expect(await stack.db.order.count({ where: { id: orderId } })).toBe(0);
    expect(await stack.levelsOf(p.id)).toEqual({ onHand: 10, reserved: 0, available: 10 });
    // A later retry with the same key is told the checkout expired, and holds nothing either.
    const later = await stack.orders
      .as(who)
      .orders.place.mutate({ idempotencyKey: key, items: [{ productId: p.id, quantity: 4 }] })
      .catch((e: unknown) => e);
    expect(codeOf(later)).toBe("PRECONDITION_FAILED");
    expect((await stack.levelsOf(p.id)).reserved).toBe(0);
  });

  it("is never applied to a checkout whose order was written", async () => {
    const p = await stack.makeProduct(10);
    const order = await stack.orders
      .as(shopper(206))
      .orders.place.mutate({ idempotencyKey: randomUUID(), items: [{ productId: p.id, quantity: 1 }] });
    expect(await abandonCheckout(stack, order.id, "test")).toBe("order exists");
    expect((await stack.levelsOf(p.id)).reserved).toBe(1);
  });
});
