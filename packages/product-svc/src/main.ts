import { migrationsDirFrom, runService } from "@shop/service-kit/run";
import { createDb } from "./db.ts";
import { loadEnv } from "./env.ts";
import { appRouter } from "./router/index.ts";
import { seedCatalog } from "./seed/seed-catalog.ts";
import { ensureStoreCurrency } from "./store/currency.ts";

const env = loadEnv();

await runService({
  name: "product-svc",
  env,
  router: appRouter,
  migrationsDir: migrationsDirFrom(import.meta.url, "product"),
  async init(log) {
    const db = createDb(env.DATABASE_URL, env.DB_POOL_MAX, log);
    const storeCurrency = await ensureStoreCurrency(db, env.STORE_CURRENCY, log);
    if (env.SEED_ON_START) await seedCatalog(db, storeCurrency, log);
    return {
      deps: { db, storeCurrency },
      readiness: () => db.$queryRaw`SELECT 1`,
      onShutdown: () => db.$disconnect(),
    };
  },
});
