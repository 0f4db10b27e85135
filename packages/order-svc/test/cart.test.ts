import { randomUUID } from "node:crypto";
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
const failure = (p: Promise<unknown>) =>
  p.then(() => null).catch((e: unknown) => e as TRPCClientError<AppRouter>);
const productBySku = (sku: string) => stack.productDb.product.findUniqueOrThrow({ where: { sku } });

describe("cart", () => {
  it("starts empty, in the store currency", async () => {
    expect(await stack.orders.as(callers.shopper).cart.get.query()).toEqual({
      items: [],
      itemCount: 0,
      subtotalCents: 0,
      currency: "USD",
    });
  });

  it("adds lines and prices them with current product data in integer cents", async () => {
    const skillet = await productBySku("KIT-001");
    const knife = await productBySku("KIT-002");
    const cart = stack.orders.as(callers.shopper).cart;
    await cart.add.mutate({ productId: skillet.id, quantity: 2 });
    await cart.add.mutate({ productId: knife.id, quantity: 1 });
    await cart.setItem.mutate({ productId: skillet.id, quantity: 3 });
    const got = await cart.get.query();
    expect(got.items.map((i) => [i.name, i.quantity, i.lineTotalCents])).toEqual([
      [skillet.name, 3, skillet.priceCents * 3],
      [knife.name, 1, knife.priceCents],
    ]);
    expect(got.subtotalCents).toBe(skillet.priceCents * 3 + knife.priceCents);
    expect(got.itemCount).toBe(4);
  });

  it("is private to its owner", async () => {
    expect((await stack.orders.as(callers.otherShopper).cart.get.query()).items).toEqual([]);
  });

  it("needs a signed-in user", async () => {
    expect(codeOf(await failure(stack.orders.as(callers.guest).cart.get.query()))).toBe("UNAUTHORIZED");
    expect(
      codeOf(
        await failure(stack.orders.as(callers.guest).cart.merge.mutate({ mergeId: randomUUID(), items: [] })),
      ),
    ).toBe("UNAUTHORIZED");
  });

  it("rejects unknown products and silly quantities precisely", async () => {
    const cart = stack.orders.as(callers.shopper).cart;
    const unknown = await failure(
      cart.setItem.mutate({ productId: "00000000-0000-4000-8000-00000000ffff", quantity: 1 }),
    );
    expect(codeOf(unknown)).toBe("NOT_FOUND");
    const skillet = await productBySku("KIT-001");
    const zero = await failure(cart.add.mutate({ productId: skillet.id, quantity: 0 }));
    expect(zero?.data?.code).toBe("BAD_REQUEST");
    expect(zero?.data?.fieldErrors).toEqual({ quantity: ["Quantity must be at least 1"] });
  });

  it("removes a line and clears", async () => {
    const cart = stack.orders.as(callers.shopper).cart;
    const knife = await productBySku("KIT-002");
    await cart.removeItem.mutate({ productId: knife.id });
    expect((await cart.get.query()).items.map((i) => i.productId)).not.toContain(knife.id);
    await cart.clear.mutate();
    expect((await cart.get.query()).items).toEqual([]);
  });

  it("quotes a guest cart without an account, summing duplicate lines", async () => {
    const skillet = await productBySku("KIT-001");
    const quote = await stack.orders.as(callers.guest).cart.quote.query({
      items: [
        { productId: skillet.id, quantity: 1 },
        { productId: skillet.id, quantity: 2 },
        { productId: "00000000-0000-4000-8000-00000000abcd", quantity: 1 },
      ],
    });
    expect(quote.items.map((i) => [i.productId, i.quantity, i.lineTotalCents])).toEqual([
      [skillet.id, 3, skillet.priceCents * 3],
    ]);
  });

  it("merges a guest cart at sign-in: sums, caps at what is available, skips what is no longer sold", async () => {
    const me = stack.orders.as(callers.otherShopper).cart;
    const skillet = await productBySku("KIT-001"); // 40 on hand
    const knife = await productBySku("KIT-002");
    const beanie = await productBySku("APP-005");
    await me.add.mutate({ productId: skillet.id, quantity: 38 });
    await stack.productDb.product.update({ where: { id: beanie.id }, data: { archivedAt: new Date() } });
    try {
      const result = await me.merge.mutate({
        mergeId: randomUUID(),
        items: [
          { productId: skillet.id, quantity: 5 },
          { productId: knife.id, quantity: 2 },
          { productId: beanie.id, quantity: 1 },
        ],
      });
      expect(result.cart.items.map((i) => [i.productId, i.quantity])).toEqual([
        [skillet.id, 40],
        [knife.id, 2],
      ]);
      expect(result.skipped).toEqual([
        { productId: beanie.id, reason: "no longer sold" },
        { productId: skillet.id, reason: "limited to what is available" },
      ]);
    } finally {
      await stack.productDb.product.update({ where: { id: beanie.id }, data: { archivedAt: null } });
      await me.clear.mutate();
    }
  });
});

describe("a guest cart merged at sign-in", () => {
  it("is merged once when the browser retries with the same merge id (its first answer was lost)", async () => {
    const p = await stack.makeProduct(20);
    const cart = stack.orders.as(shopper(401)).cart;
    const merge = { mergeId: randomUUID(), items: [{ productId: p.id, quantity: 2 }] };
    const first = await cart.merge.mutate(merge);
    expect(first.cart.items.map((i) => i.quantity)).toEqual([2]);
    expect(first.alreadyMerged).toBe(false);

    const [retry, concurrentRetry] = await Promise.all([cart.merge.mutate(merge), cart.merge.mutate(merge)]);
    for (const answer of [retry, concurrentRetry]) {
      expect(answer.alreadyMerged).toBe(true);
      expect(answer.cart.items.map((i) => i.quantity)).toEqual([2]);
    }
    // Another guest cart later (a new id) is merged as usual.
    const next = await cart.merge.mutate({
      mergeId: randomUUID(),
      items: [{ productId: p.id, quantity: 1 }],
    });
    expect(next.cart.items.map((i) => i.quantity)).toEqual([3]);
  });

  it("runs concurrent first attempts of one merge id as one merge", async () => {
    const p = await stack.makeProduct(20);
    const cart = stack.orders.as(shopper(402)).cart;
    const merge = { mergeId: randomUUID(), items: [{ productId: p.id, quantity: 4 }] };
    const answers = await Promise.all(Array.from({ length: 5 }, () => cart.merge.mutate(merge)));
    expect(answers.filter((a) => !a.alreadyMerged)).toHaveLength(1);
    expect((await cart.get.query()).items.map((i) => i.quantity)).toEqual([4]);
  });
});

describe("the cart cannot hold more than can be bought", () => {
  it('"Add 5" twice with 5 available: 5 added, then refused with the reason; the cart holds 5', async () => {
    const p = await stack.makeProduct(5);
    const cart = stack.orders.as(shopper(400)).cart;
    expect(await cart.add.mutate({ productId: p.id, quantity: 5 })).toEqual({
      productId: p.id,
      added: 5,
      inCart: 5,
      message: null,
    });
    const again = await failure(cart.add.mutate({ productId: p.id, quantity: 5 }));
    expect(again?.data?.code).toBe("CONFLICT");
    expect(again?.message).toBe("You already have 5 in your cart — that is all we have.");
    expect((await cart.get.query()).items.map((i) => i.quantity)).toEqual([5]);
  });

  it("adds what is left and says how many were already in the cart", async () => {
    const p = await stack.makeProduct(5);
    const cart = stack.orders.as(shopper(401)).cart;
    await cart.add.mutate({ productId: p.id, quantity: 3 });
    expect(await cart.add.mutate({ productId: p.id, quantity: 5 })).toEqual({
      productId: p.id,
      added: 2,
      inCart: 5,
      message: "Only 2 more available — you already have 3 in your cart.",
    });
  });

  it("counts units other shoppers hold (reserved), not just what is on the shelf", async () => {
    const p = await stack.makeProduct(5);
    await stack.products.inventory.reserve.mutate({
      orderId: "00000000-0000-4000-8000-00000000c0de",
      items: [{ productId: p.id, quantity: 4 }],
    });
    const cart = stack.orders.as(shopper(402)).cart;
    expect(await cart.add.mutate({ productId: p.id, quantity: 3 })).toMatchObject({ added: 1, inCart: 1 });
    expect(codeOf(await failure(cart.setItem.mutate({ productId: p.id, quantity: 2 })))).toBe("CONFLICT");
  });

  it("adds racing on one cart never pass the cap", async () => {
    const p = await stack.makeProduct(5);
    const cart = stack.orders.as(shopper(403)).cart;
    const outcomes = await Promise.all(
      Array.from({ length: 6 }, () =>
        cart.add.mutate({ productId: p.id, quantity: 2 }).then(
          (r) => r.added,
          () => 0,
        ),
      ),
    );
    expect(outcomes.reduce((a, b) => a + b, 0)).toBe(5);
    expect((await cart.get.query()).items.map((i) => i.quantity)).toEqual([5]);
  });

  it("lets a line left above what is available be lowered, never raised", async () => {
    const p = await stack.makeProduct(5);
    const cart = stack.orders.as(shopper(404)).cart;
    await cart.add.mutate({ productId: p.id, quantity: 5 });
    await stack.productDb.product.update({ where: { id: p.id }, data: { onHand: 2 } });
    expect(await cart.setItem.mutate({ productId: p.id, quantity: 4 })).toEqual({
      productId: p.id,
      quantity: 4,
    });
    const raised = await failure(cart.setItem.mutate({ productId: p.id, quantity: 5 }));
    expect(raised?.message).toBe("Only 2 available.");
  });

  it("guest carts follow the same caps (cart.quoteAdd), without an account", async () => {
    const p = await stack.makeProduct(5);
    const guest = stack.orders.as(callers.guest).cart;
    const first = await guest.quoteAdd.mutate({ items: [], productId: p.id, quantity: 3 });
    expect(first).toMatchObject({
      added: 3,
      inCart: 3,
      message: null,
      items: [{ productId: p.id, quantity: 3 }],
    });
    const second = await guest.quoteAdd.mutate({ items: first.items, productId: p.id, quantity: 5 });
    expect(second).toMatchObject({
      added: 2,
      inCart: 5,
      message: "Only 2 more available — you already have 3 in your cart.",
      items: [{ productId: p.id, quantity: 5 }],
    });
    const third = await failure(guest.quoteAdd.mutate({ items: second.items, productId: p.id, quantity: 1 }));
    expect(third?.data?.code).toBe("CONFLICT");
    expect(third?.message).toBe("You already have 5 in your cart — that is all we have.");
  });
});
