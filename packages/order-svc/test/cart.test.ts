import { fileURLToPath } from "node:url";
// Tests compose the real product-svc with order-svc over HTTP; production code only imports its types.
import {
  createDb as createProductDb,
  appRouter as productRouter,
  seedCatalog,
} from "@shop/product-svc/testing";
import { callers, startTestService, TEST_SECRET, type TestService } from "@shop/testing/service";
import { createTestDatabase, type TestDatabase } from "@shop/testing/test-db";
import type { TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createProductClient } from "../src/clients/product-client.ts";
import { createDb, type Db } from "../src/db.ts";
import { type AppRouter, appRouter } from "../src/router/index.ts";

const prismaDir = fileURLToPath(new URL("../../../prisma/", import.meta.url));
const cleanup: (() => Promise<unknown>)[] = [];
let orders: TestService<AppRouter>;
let productDb: ReturnType<typeof createProductDb>;
let db: Db;

beforeAll(async () => {
  const admin = inject("pgAdminUrl");
  const productDatabase: TestDatabase = await createTestDatabase(admin, `${prismaDir}product/migrations`);
  const orderDatabase: TestDatabase = await createTestDatabase(admin, `${prismaDir}order/migrations`);
  productDb = createProductDb(productDatabase.url, 4);
  await seedCatalog(productDb);
  const productSvc = await startTestService({
    name: "product-svc",
    router: productRouter,
    deps: { db: productDb },
  });
  db = createDb(orderDatabase.url, 4);
  orders = await startTestService({
    name: "order-svc",
    router: appRouter,
    deps: { db, products: createProductClient({ url: productSvc.url, secret: TEST_SECRET }) },
  });
  cleanup.push(
    () => orders.close(),
    () => productSvc.close(),
    () => db.$disconnect(),
    () => productDb.$disconnect(),
    () => orderDatabase.drop(),
    () => productDatabase.drop(),
  );
});
afterAll(async () => {
  for (const fn of cleanup) await fn();
});

const codeOf = (e: unknown) => (e as TRPCClientError<AppRouter>).data?.code;
const productBySku = (sku: string) => productDb.product.findUniqueOrThrow({ where: { sku } });

describe("cart", () => {
  it("starts empty", async () => {
    expect(await orders.as(callers.shopper).cart.get.query()).toEqual({
      items: [],
      itemCount: 0,
      subtotalCents: 0,
    });
  });

  it("adds lines and prices them with current product data in integer cents", async () => {
    const skillet = await productBySku("KIT-001");
    const knife = await productBySku("KIT-002");
    const cart = orders.as(callers.shopper).cart;
    await cart.setItem.mutate({ productId: skillet.id, quantity: 2 });
    await cart.setItem.mutate({ productId: knife.id, quantity: 1 });
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
    expect((await orders.as(callers.otherShopper).cart.get.query()).items).toEqual([]);
  });

  it("needs a signed-in user", async () => {
    expect(
      codeOf(
        await orders
          .as(callers.guest)
          .cart.get.query()
          .catch((e: unknown) => e),
      ),
    ).toBe("UNAUTHORIZED");
  });

  it("rejects unknown products and silly quantities precisely", async () => {
    const cart = orders.as(callers.shopper).cart;
    const unknown = await cart.setItem
      .mutate({ productId: "00000000-0000-4000-8000-00000000ffff", quantity: 1 })
      .catch((e: unknown) => e);
    expect(codeOf(unknown)).toBe("NOT_FOUND");
    const skillet = await productBySku("KIT-001");
    const zero = (await cart.setItem
      .mutate({ productId: skillet.id, quantity: 0 })
      .catch((e: unknown) => e)) as TRPCClientError<AppRouter>;
    expect(zero.data?.code).toBe("BAD_REQUEST");
    expect(zero.data?.fieldErrors).toEqual({ quantity: ["Quantity must be at least 1"] });
  });

  it("removes a line and clears", async () => {
    const cart = orders.as(callers.shopper).cart;
    const knife = await productBySku("KIT-002");
    await cart.removeItem.mutate({ productId: knife.id });
    expect((await cart.get.query()).items.map((i) => i.productId)).not.toContain(knife.id);
    await cart.clear.mutate();
    expect((await cart.get.query()).items).toEqual([]);
  });

  it("quotes a guest cart without an account, summing duplicate lines", async () => {
    const skillet = await productBySku("KIT-001");
    const quote = await orders.as(callers.guest).cart.quote.query({
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

  it("merges a guest cart at sign-in: sums, caps at 99, skips what is no longer sold, all at once", async () => {
    const me = orders.as(callers.otherShopper).cart;
    const skillet = await productBySku("KIT-001");
    const knife = await productBySku("KIT-002");
    const beanie = await productBySku("APP-005");
    await me.setItem.mutate({ productId: skillet.id, quantity: 98 });
    await productDb.product.update({ where: { id: beanie.id }, data: { archivedAt: new Date() } });
    try {
      const result = await me.merge.mutate({
        items: [
          { productId: skillet.id, quantity: 5 },
          { productId: knife.id, quantity: 2 },
          { productId: beanie.id, quantity: 1 },
        ],
      });
      expect(result.cart.items.map((i) => [i.productId, i.quantity])).toEqual([
        [skillet.id, 99],
        [knife.id, 2],
      ]);
      expect(result.skipped).toEqual([{ productId: beanie.id, reason: "no longer sold" }]);
    } finally {
      await productDb.product.update({ where: { id: beanie.id }, data: { archivedAt: null } });
      await me.clear.mutate();
    }
  });

  it("merge needs a signed-in shopper", async () => {
    const error = await orders
      .as(callers.guest)
      .cart.merge.mutate({ items: [] })
      .catch((e: unknown) => e);
    expect(codeOf(error)).toBe("UNAUTHORIZED");
  });
});
