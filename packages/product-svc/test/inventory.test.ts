import { randomUUID } from "node:crypto";
import { callers } from "@shop/testing/service";
import type { TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../src/db.ts";
import type { AppRouter } from "../src/router/index.ts";
import { type ProductService, startProductService } from "./product-service.ts";

let service: ProductService;
let db: Db;
let svc: ProductService["svc"];

beforeAll(async () => {
  service = await startProductService({ seed: false, poolMax: 20 });
  ({ db, svc } = service);
  await db.category.create({ data: { slug: "test", name: "Test" } });
});
afterAll(() => service?.close());

let skuCounter = 0;
async function product(stock: number, priceCents = 1000) {
  const category = await db.category.findUniqueOrThrow({ where: { slug: "test" } });
  skuCounter += 1;
  return db.product.create({
    data: {
      slug: `p-${skuCounter}`,
      sku: `SKU-${skuCounter}`,
      name: `Product ${skuCounter}`,
      description: "d",
      priceCents,
      stock,
      imageUrl: "/x.svg",
      categoryId: category.id,
    },
  });
}
const stockOf = async (id: string) => (await db.product.findUniqueOrThrow({ where: { id } })).stock;
const inventory = () => svc.as(callers.service).inventory;

describe("inventory.reserve", () => {
  it("50 concurrent orders for 20 in stock: exactly 20 succeed and stock ends at 0", async () => {
    const p = await product(20);
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, () =>
        inventory()
          .reserve.mutate({ orderId: randomUUID(), items: [{ productId: p.id, quantity: 1 }] })
          .then(() => "ok")
          .catch((e: TRPCClientError<AppRouter>) => e.data?.code),
      ),
    );
    expect(outcomes.filter((o) => o === "ok")).toHaveLength(20);
    expect(outcomes.filter((o) => o === "CONFLICT")).toHaveLength(30);
    expect(await stockOf(p.id)).toBe(0);
  });

  it("the same order id sent 10 times at once reserves once", async () => {
    const p = await product(100);
    const orderId = randomUUID();
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        inventory().reserve.mutate({ orderId, items: [{ productId: p.id, quantity: 3 }] }),
      ),
    );
    expect(new Set(results.map((r) => JSON.stringify(r))).size).toBe(1);
    expect(await stockOf(p.id)).toBe(97);
  });

  it("sums duplicate lines before checking stock", async () => {
    const p = await product(5);
    const error = (await inventory()
      .reserve.mutate({
        orderId: randomUUID(),
        items: [
          { productId: p.id, quantity: 3 },
          { productId: p.id, quantity: 3 },
        ],
      })
      .catch((e: unknown) => e)) as TRPCClientError<AppRouter>;
    expect(error.data?.code).toBe("CONFLICT");
    expect(await stockOf(p.id)).toBe(5);
  });

  it("is all-or-nothing and names every short product with what is available", async () => {
    const plenty = await product(10);
    const few = await product(2);
    const none = await product(0);
    const error = (await inventory()
      .reserve.mutate({
        orderId: randomUUID(),
        items: [
          { productId: plenty.id, quantity: 1 },
          { productId: few.id, quantity: 3 },
          { productId: none.id, quantity: 1 },
        ],
      })
      .catch((e: unknown) => e)) as TRPCClientError<AppRouter>;
    expect(error.data?.code).toBe("CONFLICT");
    expect(error.message).toContain(`${few.name} (2 left, 3 requested)`);
    expect(error.message).toContain(`${none.name} (sold out)`);
    expect(error.data?.details).toEqual({
      outOfStock: expect.arrayContaining([
        { productId: few.id, name: few.name, requested: 3, available: 2 },
        { productId: none.id, name: none.name, requested: 1, available: 0 },
      ]),
    });
    expect([await stockOf(plenty.id), await stockOf(few.id), await stockOf(none.id)]).toEqual([10, 2, 0]);
  });

  it("returns the name and price snapshot the order will record", async () => {
    const p = await product(4, 2599);
    const reservation = await inventory().reserve.mutate({
      orderId: randomUUID(),
      items: [{ productId: p.id, quantity: 2 }],
    });
    expect(reservation.items).toEqual([
      { productId: p.id, quantity: 2, name: p.name, unitPriceCents: 2599, currency: "USD" },
    ]);
  });

  it("is refused to anyone but a service", async () => {
    const p = await product(4);
    for (const caller of [callers.guest, callers.shopper, callers.admin]) {
      const error = await svc
        .as(caller)
        .inventory.reserve.mutate({ orderId: randomUUID(), items: [{ productId: p.id, quantity: 1 }] })
        .catch((e: TRPCClientError<AppRouter>) => e.data?.code);
      expect(["UNAUTHORIZED", "FORBIDDEN"]).toContain(error);
    }
    expect(await stockOf(p.id)).toBe(4);
  });
});

describe("inventory.release and commit", () => {
  it("gives stock back exactly once even when released concurrently", async () => {
    const p = await product(10);
    const orderId = randomUUID();
    await inventory().reserve.mutate({ orderId, items: [{ productId: p.id, quantity: 4 }] });
    const results = await Promise.all(
      Array.from({ length: 5 }, () => inventory().release.mutate({ orderId })),
    );
    expect(results.filter((r) => r.released)).toHaveLength(1);
    expect(await stockOf(p.id)).toBe(10);
  });

  it("releasing an unknown order is a harmless no-op", async () => {
    expect(await inventory().release.mutate({ orderId: randomUUID() })).toEqual({ released: false });
  });

  it("commit protects a reservation from the stale sweep", async () => {
    const p = await product(10);
    const kept = randomUUID();
    const stray = randomUUID();
    await inventory().reserve.mutate({ orderId: kept, items: [{ productId: p.id, quantity: 1 }] });
    await inventory().reserve.mutate({ orderId: stray, items: [{ productId: p.id, quantity: 1 }] });
    expect(await inventory().commit.mutate({ orderId: kept })).toEqual({ status: "COMMITTED" });
    await db.stockReservation.updateMany({ data: { createdAt: new Date(Date.now() - 3_600_000) } });
    const { orderIds } = await inventory().stale.query({ olderThanSeconds: 600 });
    expect(orderIds).toContain(stray);
    expect(orderIds).not.toContain(kept);
  });
});
