import { awsClientConfig } from "@shop/events/aws";
import { ensureTopic } from "@shop/events/topology";
import { retryInBackground } from "@shop/service-kit/background";
import { migrationsDirFrom, runService } from "@shop/service-kit/run";
import { createProductClient } from "./clients/product-client.ts";
import { createDb } from "./db.ts";
import { loadEnv } from "./env.ts";
import { appRouter } from "./router/index.ts";

const env = loadEnv();

await runService({
  name: "order-svc",
  env,
  router: appRouter,
  migrationsDir: migrationsDirFrom(import.meta.url, "order"),
  async init(log) {
    const db = createDb(env.DATABASE_URL, env.DB_POOL_MAX);
    const products = createProductClient({ url: env.PRODUCT_SVC_URL, secret: env.INTERNAL_JWT_SECRET });
    // The topic is created in the background: orders must be accepted even while SNS is unreachable.
    const provisioning = retryInBackground({
      log,
      label: "create order events topic",
      task: () => ensureTopic(awsClientConfig(env), env.ORDER_EVENTS_TOPIC),
    });
    return {
      deps: { db, products },
      readiness: () => db.$queryRaw`SELECT 1`,
      onShutdown: async () => {
        provisioning.stop();
        await db.$disconnect();
      },
    };
  },
});
