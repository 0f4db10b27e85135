import { fileURLToPath } from "node:url";
import {
  createDb as createProductDb,
  ensureStoreCurrency,
  appRouter as productRouter,
  seedCatalog,
} from "@shop/product-svc/testing";
import { createLogger } from "@shop/service-kit/log";
import { startTestService, TEST_SECRET, type TestService } from "@shop/testing/service";
import { createTestDatabase } from "@shop/testing/test-db";
import * as user from "@shop/user-svc/testing";
import { inject } from "vitest";
import { createProductClient, type ProductClient } from "../src/clients/product-client.ts";
import { createUserClient } from "../src/clients/user-client.ts";
import { createDb, type Db } from "../src/db.ts";
import { registerOutboxMetrics } from "../src/outbox/lag-metrics.ts";
import { type AppRouter, appRouter } from "../src/router/index.ts";

const prismaDir = fileURLToPath(new URL("../../../prisma/", import.meta.url));

export interface StockLevels {
  onHand: number;
  reserved: number;
  available: number;
}

export interface OrderStack {
  orders: TestService<AppRouter>;
  /** product-svc itself, for calls as other roles than order-svc's (an admin's stock-take). */
  productSvc: TestService<typeof productRouter>;
  db: Db;
  orderDbUrl: string;
  productDb: ReturnType<typeof createProductDb>;
  /** user-svc's database: accounts behind the shopper(i) identities live here. */
  userDb: ReturnType<typeof user.createDb>;
  products: ProductClient;
  log: ReturnType<typeof createLogger>;
  /** A product on sale with `onHand` units on the shelf, at the given price (in the store currency). */
  makeProduct(
    onHand: number,
    priceCents?: number,
    currency?: string,
  ): Promise<{ id: string; name: string; priceCents: number }>;
  /** What can be bought now (on hand − reserved). */
  availableOf(productId: string): Promise<number>;
  levelsOf(productId: string): Promise<StockLevels>;
  close(): Promise<void>;
}

/** Accounts created up front for shopper(0 … SHOPPERS - 1); the test callers' ids fall in that range. */
const SHOPPERS = 512;

/**
 * Real user-svc, product-svc and order-svc over HTTP, each with its own fresh database. Every
 * shopper(i) identity (and the shared test callers) has a verified account in user-svc, which
 * order-svc asks at checkout.
 */
export async function startOrderStack(opts: { maxPendingOrders?: number } = {}): Promise<OrderStack> {
  const admin = inject("pgAdminUrl");
  const userDatabase = await createTestDatabase(admin, `${prismaDir}user/migrations`);
  const userSide = user.createUserDeps(userDatabase.url, { secret: TEST_SECRET });
  const userDb = userSide.deps.db;
  await userDb.user.createMany({
    data: Array.from({ length: SHOPPERS }, (_, i) => ({ ...account(shopper(i)), emailVerified: true })),
  });
  const userSvc = await startTestService({ name: "user-svc", router: user.appRouter, deps: userSide.deps });
  const productDatabase = await createTestDatabase(admin, `${prismaDir}product/migrations`);
  const orderDatabase = await createTestDatabase(admin, `${prismaDir}order/migrations`);
  const productDb = createProductDb(productDatabase.url, 20);
  const storeCurrency = await ensureStoreCurrency(productDb, "USD");
  await seedCatalog(productDb, storeCurrency);
  const productSvc = await startTestService({
    name: "product-svc",
    router: productRouter,
    deps: { db: productDb, storeCurrency },
  });
  const db = createDb(orderDatabase.url, 20);
  const products = createProductClient({ url: productSvc.url, secret: TEST_SECRET });
  const users = createUserClient({ url: userSvc.url, secret: TEST_SECRET });
  const orders = await startTestService({
    name: "order-svc",
    router: appRouter,
    // Most tests place many orders for one shopper and confirm none: the cap has tests of its own.
    deps: { db, products, users, maxPendingOrders: opts.maxPendingOrders ?? 1_000 },
  });
  registerOutboxMetrics(db);
  const category = await productDb.category.findFirstOrThrow();
  let n = 0;
  const levelsOf = async (productId: string) => {
    const p = await productDb.product.findUniqueOrThrow({ where: { id: productId } });
    return { onHand: p.onHand, reserved: p.reserved, available: p.onHand - p.reserved };
  };
  return {
    orders,
    productSvc,
    db,
    orderDbUrl: orderDatabase.url,
    productDb,
    userDb,
    products,
    log: createLogger("order-test", process.env.TEST_LOG_LEVEL ?? "silent"),
    async makeProduct(onHand, priceCents = 1500, currency = storeCurrency) {
      n += 1;
      const suffix = `${Date.now().toString(36)}${n}`;
      return productDb.product.create({
        data: {
          slug: `test-${suffix}`,
          sku: `TST-${suffix}`.toUpperCase(),
          name: `Test product ${suffix}`,
          description: "test",
          priceCents,
          currency,
          onHand,
          imageUrl: "/x.svg",
          categoryId: category.id,
        },
        select: { id: true, name: true, priceCents: true },
      });
    },
    levelsOf,
    async availableOf(productId) {
      return (await levelsOf(productId)).available;
    },
    async close() {
      await orders.close();
      await productSvc.close();
      await userSvc.close();
      await userSide.close();
      await userDatabase.drop();
      await db.$disconnect();
      await productDb.$disconnect();
      await orderDatabase.drop();
      await productDatabase.drop();
    },
  };
}

/** A shopper identity for tests (distinct per index). */
export function shopper(i: number) {
  const hex = i.toString(16).padStart(12, "0");
  return {
    sub: `00000000-0000-4000-8000-${hex}`,
    role: "SHOPPER" as const,
    email: `shopper${i}@example.test`,
  };
}

/** The user-svc row behind a test identity. */
function account(caller: { sub: string; email: string }) {
  return { id: caller.sub, email: caller.email, name: caller.email.split("@")[0] ?? "Shopper" };
}
