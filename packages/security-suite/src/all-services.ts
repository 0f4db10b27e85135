import { fileURLToPath } from "node:url";
import * as notify from "@shop/notify-svc/testing";
import * as order from "@shop/order-svc/testing";
import * as product from "@shop/product-svc/testing";
import type { ServiceName } from "@shop/service-kit/auth";
import { createLogger } from "@shop/service-kit/log";
import { startTestService, TEST_SECRET, type TestService } from "@shop/testing/service";
import { createTestDatabase, type TestDatabase } from "@shop/testing/test-db";
import * as user from "@shop/user-svc/testing";
import type { AnyRouter } from "@trpc/server";

const prismaDir = fileURLToPath(new URL("../../../prisma/", import.meta.url));

export interface RunningService {
  name: ServiceName;
  router: AnyRouter;
  svc: TestService<AnyRouter>;
}

/** All four services, real databases, in-process HTTP servers: what the security tests attack. */
export async function startAllServices(adminUrl: string) {
  const log = createLogger("security-suite", "silent");
  const dbs: TestDatabase[] = [];
  const fresh = async (folder: string) => {
    const db = await createTestDatabase(adminUrl, `${prismaDir}${folder}/migrations`);
    dbs.push(db);
    return db;
  };
  const closers: (() => Promise<unknown>)[] = [];

  // Account mail goes nowhere here: sends fail in the background and are only logged.
  const userSide = user.createUserDeps((await fresh("user")).url, { secret: TEST_SECRET });
  const userSvc = await startTestService({ name: "user-svc", router: user.appRouter, deps: userSide.deps });

  const productDb = product.createDb((await fresh("product")).url, 4);
  const storeCurrency = await product.ensureStoreCurrency(productDb, "USD");
  await product.seedCatalog(productDb, storeCurrency);
  const productSvc = await startTestService({
    name: "product-svc",
    router: product.appRouter,
    deps: { db: productDb, storeCurrency },
  });

  const orderDb = order.createDb((await fresh("order")).url, 4);
  const orderSvc = await startTestService({
    name: "order-svc",
    router: order.appRouter,
    deps: {
      db: orderDb,
      products: order.createProductClient({ url: productSvc.url, secret: TEST_SECRET }),
      users: order.createUserClient({ url: userSvc.url, secret: TEST_SECRET }),
      maxPendingOrders: 10,
    },
  });

  const notifyDatabase = await fresh("notify");
  const notifyDb = notify.createDb(notifyDatabase.url, 4);
  const hub = notify.createNotificationHub(notifyDatabase.url, log);
  const mailer = notify.createMailer("smtp://127.0.0.1:9", "nobody@shop.test");
  const notifySvc = await startTestService({
    name: "notify-svc",
    router: notify.appRouter,
    deps: { db: notifyDb, hub, mailer, webUrl: "http://shop.test" },
  });

  closers.push(
    () => userSvc.close(),
    () => productSvc.close(),
    () => orderSvc.close(),
    () => notifySvc.close(),
    () => hub.stop(),
    async () => mailer.close(),
    () => userSide.close(),
    () => productDb.$disconnect(),
    () => orderDb.$disconnect(),
    () => notifyDb.$disconnect(),
    ...dbs.map((d) => () => d.drop()),
  );

  const services: RunningService[] = [
    { name: "user-svc", router: user.appRouter, svc: userSvc as TestService<AnyRouter> },
    { name: "product-svc", router: product.appRouter, svc: productSvc as TestService<AnyRouter> },
    { name: "order-svc", router: order.appRouter, svc: orderSvc as TestService<AnyRouter> },
    { name: "notify-svc", router: notify.appRouter, svc: notifySvc as TestService<AnyRouter> },
  ];
  return {
    services,
    async close() {
      for (const close of closers) await close();
    },
  };
}
