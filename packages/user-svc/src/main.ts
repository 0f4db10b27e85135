import { poolConfig } from "@shop/service-kit/db";
import { migrationsDirFrom, runService } from "@shop/service-kit/run";
import { Redis } from "ioredis";
import pg from "pg";
import { createDb } from "./db.ts";
import { loadEnv } from "./env.ts";
import { createAccountMailer } from "./mail/account-mail.ts";
import { createAuthLimits } from "./rate-limit/auth-limits.ts";
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
    // Rate-limit counters: Redis when configured, else a small separate pool (throttling must keep
    // working when the main pool is saturated).
    const redis = env.REDIS_URL
      ? new Redis(env.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1 })
      : undefined;
    redis?.on("error", (error) => log.warn({ err: error }, "redis error; rate limits fall back to memory"));
    const limitsPool = redis ? undefined : new pg.Pool(poolConfig(env.DATABASE_URL, 3));
    if (env.SEED_ON_START && env.ADMIN_EMAIL && env.ADMIN_PASSWORD) {
      await seedAdmin(db, env.ADMIN_EMAIL, env.ADMIN_PASSWORD, log);
    }
    return {
      deps: {
        db,
        mailer: createAccountMailer({ notifyUrl: env.NOTIFY_SVC_URL, secret: env.INTERNAL_JWT_SECRET }),
        limits: createAuthLimits(
          redis ? { kind: "redis", client: redis } : { kind: "postgres", pool: limitsPool as pg.Pool },
        ),
      },
      readiness: () => db.$queryRaw`SELECT 1`,
      onShutdown: async () => {
        await db.$disconnect();
        await limitsPool?.end();
        redis?.disconnect();
      },
    };
  },
});
