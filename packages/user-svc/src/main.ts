import { migrationsDirFrom, runService } from "@shop/service-kit/run";
import { createDb } from "./db.ts";
import { loadEnv } from "./env.ts";
import { appRouter } from "./router/index.ts";
import { seedAdmin } from "./seed/seed-admin.ts";

const env = loadEnv();

await runService({
  name: "user-svc",
  env,
  router: appRouter,
  migrationsDir: migrationsDirFrom(import.meta.url, "user"),
  async init(log) {
    const db = createDb(env.DATABASE_URL, env.DB_POOL_MAX);
    if (env.SEED_ON_START && env.ADMIN_EMAIL && env.ADMIN_PASSWORD) {
      await seedAdmin(db, env.ADMIN_EMAIL, env.ADMIN_PASSWORD, log);
    }
    return {
      deps: { db },
      readiness: () => db.$queryRaw`SELECT 1`,
      onShutdown: () => db.$disconnect(),
    };
  },
});
