import { randomUUID } from "node:crypto";
import type { TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppRouter } from "../src/router/index.ts";
import { type OrderStack, shopper, startOrderStack } from "./stack.ts";

const MAX_PENDING = 3;
let stack: OrderStack;
beforeAll(async () => {
  stack = await startOrderStack({ maxPendingOrders: MAX_PENDING });
});
afterAll(() => stack?.close());

const failure = (p: Promise<unknown>) =>
  p.then(() => null).catch((e: unknown) => e as TRPCClientError<AppRouter>);

describe("how much one order may hold", () => {
  it("counts one product over all its lines: 50 lines × 99 of one product is refused", async () => {
    const p = await stack.makeProduct(10_000);
    const error = await failure(
      stack.orders.as(shopper(300)).orders.place.mutate({
        idempotencyKey: randomUUID(),
        items: Array.from({ length: 50 }, () => ({ productId: p.id, quantity: 99 })),
      }),
    );
    expect(error?.data?.code).toBe("BAD_REQUEST");
    expect(error?.data?.fieldErrors?.items).toEqual([
      "At most 99 of one product per order, counting every line",
    ]);
    expect(await stack.levelsOf(p.id)).toEqual({ onHand: 10_000, reserved: 0, available: 10_000 });
    const split = await stack.orders.as(shopper(300)).orders.place.mutate({
      idempotencyKey: randomUUID(),
      items: [
        { productId: p.id, quantity: 50 },
        { productId: p.id, quantity: 49 },
      ],
    });
    expect(split.items).toEqual([expect.objectContaining({ productId: p.id, quantity: 99 })]);
  });
});

describe("PENDING orders per shopper", () => {
  const place = (who: ReturnType<typeof shopper>, productId: string, idempotencyKey = randomUUID()) =>
    stack.orders.as(who).orders.place.mutate({ idempotencyKey, items: [{ productId, quantity: 1 }] });

  it(`a shopper holds at most ${MAX_PENDING}; cancelling one makes room`, async () => {
    const p = await stack.makeProduct(100);
    const who = shopper(301);
    const keys = Array.from({ length: MAX_PENDING }, () => randomUUID());
    const placed = [];
    for (const key of keys) placed.push(await place(who, p.id, key));
    const refused = await failure(place(who, p.id));
    expect(refused?.data?.code).toBe("PRECONDITION_FAILED");
    expect(refused?.message).toBe(
      `You already have ${MAX_PENDING} orders waiting for confirmation. Cancel one you no longer need, or wait until one is confirmed, before placing another.`,
    );
    expect((await stack.levelsOf(p.id)).reserved).toBe(MAX_PENDING);
    // A retry of an order already placed is still answered at the cap.
    expect((await place(who, p.id, keys[1])).id).toBe(placed[1]?.id);
    await stack.orders.as(who).orders.cancel.mutate({ orderId: placed[0]?.id ?? "" });
    expect((await place(who, p.id)).status).toBe("PENDING");
  });

  it("holds when many checkouts of one shopper race: the cap is counted exactly, refused stock is released", async () => {
    const p = await stack.makeProduct(100);
    const who = shopper(302);
    await place(who, p.id);
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, () =>
        place(who, p.id).then(
          () => "ok",
          (e: TRPCClientError<AppRouter>) => e.data?.code,
        ),
      ),
    );
    expect(outcomes.filter((o) => o === "ok")).toHaveLength(MAX_PENDING - 1);
    expect(outcomes.filter((o) => o === "PRECONDITION_FAILED")).toHaveLength(8 - (MAX_PENDING - 1));
    expect(await stack.db.order.count({ where: { userId: who.sub, status: "PENDING" } })).toBe(MAX_PENDING);
    expect(await stack.levelsOf(p.id)).toEqual({
      onHand: 100,
      reserved: MAX_PENDING,
      available: 100 - MAX_PENDING,
    });
  });
});

describe("one currency per cart and order", () => {
  it("a product priced in another currency is never summed into the cart or ordered", async () => {
    const usd = await stack.makeProduct(10, 1000);
    // Not possible through product-svc's API (it prices every product on sale in the store currency);
    // written straight to its database to prove the guards behind that.
    const eur = await stack.makeProduct(10, 1000, "EUR");
    const who = shopper(303);
    await stack.orders.as(who).cart.add.mutate({ productId: usd.id, quantity: 1 });
    await stack.db.cartItem.create({ data: { userId: who.sub, productId: eur.id, quantity: 1 } });
    const cart = await stack.orders.as(who).cart.get.query();
    expect(cart.currency).toBe("USD");
    expect(cart.subtotalCents).toBe(1000);
    expect(cart.items.find((i) => i.productId === eur.id)).toMatchObject({ sellable: false, available: 0 });
    const refused = await failure(stack.orders.as(who).orders.place.mutate({ idempotencyKey: randomUUID() }));
    expect(refused?.data?.code).toBe("CONFLICT");
    expect(refused?.message).toContain("is not priced in USD");
    expect((await stack.levelsOf(usd.id)).reserved).toBe(0);
    expect(await stack.db.order.count({ where: { userId: who.sub } })).toBe(0);
  });
});
