import { awsClientConfig } from "@shop/events/aws";
import { migrationsDirFrom, runService } from "@shop/service-kit/run";
import { createProductClient } from "./clients/product-client.ts";
import { createUserClient } from "./clients/user-client.ts";
import { createDb } from "./db.ts";
import { loadEnv } from "./env.ts";
import { startInventoryUpdateWorker } from "./inventory/inventory-updates.ts";
import { startStraySweeper } from "./inventory/stray-sweeper.ts";
import { registerOutboxMetrics } from "./outbox/lag-metrics.ts";
import { startOutboxRelay } from "./outbox/relay.ts";
import { createSnsPublisher } from "./outbox/sns-publisher.ts";
import { appRouter } from "./router/index.ts";

const env = loadEnv();

await runService({
  name: "order-svc",
  env,
  router: appRouter,
  migrationsDir: migrationsDirFrom(import.meta.url, "order"),
  async init(log) {
    const db = createDb(env.DATABASE_URL, env.DB_POOL_MAX, log);
    const products = createProductClient({ url: env.PRODUCT_SVC_URL, secret: env.INTERNAL_JWT_SECRET });
    const users = createUserClient({ url: env.USER_SVC_URL, secret: env.INTERNAL_JWT_SECRET });
    // The publisher creates the topic lazily, so orders are accepted even while SNS is unreachable:
    // they wait in the outbox and the relay catches up.
    const publisher = createSnsPublisher(awsClientConfig(env), env.ORDER_EVENTS_TOPIC);
    const relay = env.OUTBOX_RELAY_ENABLED
      ? startOutboxRelay({ db, publisher, log, databaseUrl: env.DATABASE_URL })
      : undefined;
    registerOutboxMetrics(db);
    const inventoryUpdates = startInventoryUpdateWorker({ db, products, log });
    const sweeper = startStraySweeper({ db, products, log, ttlSeconds: env.RESERVATION_TTL_SECONDS });
    return {
      deps: { db, products, users, maxPendingOrders: env.MAX_PENDING_ORDERS_PER_SHOPPER },
      readiness: () => db.$queryRaw`SELECT 1`,
      onShutdown: async () => {
        await Promise.all([relay?.stop(), inventoryUpdates.stop(), sweeper.stop()]);
        publisher.close();
        await db.$disconnect();
      },
    };
  },
});
