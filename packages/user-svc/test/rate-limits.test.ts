import { fileURLToPath } from "node:url";
import { startRedisServer } from "@shop/testing/redis";
import { callers, startTestService, type TestService } from "@shop/testing/service";
import { createTestDatabase, type TestDatabase } from "@shop/testing/test-db";
import type { TRPCClientError } from "@trpc/client";
import { Redis } from "ioredis";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { hashPassword } from "../src/accounts/password.ts";
import { createDb, type Db } from "../src/db.ts";
import { createAuthLimits, type LimitStore } from "../src/rate-limit/auth-limits.ts";
import { type AppRouter, appRouter } from "../src/router/index.ts";

const migrationsDir = fileURLToPath(new URL("../../../prisma/user/migrations", import.meta.url));
const policy = { signInPerIp: 6, failedSignInPerEmail: 3, registrationsPerIp: 2 };
const PASSWORD = "the right password";

/** The same behaviour from both stores: PostgreSQL (default) and Redis (REDIS_URL). */
describe.each(["postgres", "redis"] as const)("rate limits in %s", (kind) => {
  let database: TestDatabase;
  let db: Db;
  /** One store connection per replica (a pg pool, or a Redis client). */
  let stores: LimitStore[];
  let redisServer: Awaited<ReturnType<typeof startRedisServer>> | undefined;
  /** Two replicas of user-svc sharing one database, as in production. */
  let replicas: TestService<AppRouter>[];

  beforeAll(async () => {
    database = await createTestDatabase(inject("pgAdminUrl"), migrationsDir);
    db = createDb(database.url, 4);
    if (kind === "redis") {
      const server = await startRedisServer();
      redisServer = server;
      stores = [1, 2].map(() => ({
        kind: "redis",
        client: new Redis(server.url, { maxRetriesPerRequest: 1 }),
      }));
    } else {
      stores = [1, 2].map(() => ({
        kind: "postgres",
        pool: new pg.Pool({ connectionString: database.url, max: 2 }),
      }));
    }
    replicas = await Promise.all(
      stores.map((store) =>
        startTestService({
          name: "user-svc",
          router: appRouter,
          deps: { db, limits: createAuthLimits(store, policy) },
        }),
      ),
    );
    const passwordHash = await hashPassword(PASSWORD);
    await db.user.createMany({
      data: ["a", "b", "c", "d"].map((x) => ({ email: `${x}@example.test`, name: x, passwordHash })),
    });
  });
  afterAll(async () => {
    for (const r of replicas ?? []) await r.close();
    for (const store of stores ?? []) {
      if (store.kind === "postgres") await store.pool.end();
      else store.client.disconnect();
    }
    await redisServer?.stop();
    await db?.$disconnect();
    await database?.drop();
  });

  const from = (ip: string, replica = 0) => {
    const svc = replicas[replica];
    if (!svc) throw new Error("no replica");
    return svc.as({ ...callers.guest, ip });
  };
  const signIn = (ip: string, email: string, password: string, replica = 0) =>
    from(ip, replica)
      .auth.verifyCredentials.mutate({ email, password })
      .then(() => "ok")
      .catch((e: TRPCClientError<AppRouter>) => e);

  describe("sign-in throttling", () => {
    it("locks an email after 3 failures, across replicas, even for the right password", async () => {
      expect(await signIn("10.0.0.1", "a@example.test", "wrong 1", 0)).toHaveProperty(
        "data.code",
        "UNAUTHORIZED",
      );
      expect(await signIn("10.0.0.2", "a@example.test", "wrong 2", 1)).toHaveProperty(
        "data.code",
        "UNAUTHORIZED",
      );
      expect(await signIn("10.0.0.3", "a@example.test", "wrong 3", 0)).toHaveProperty(
        "data.code",
        "UNAUTHORIZED",
      );
      const locked = await signIn("10.0.0.4", "a@example.test", PASSWORD, 1);
      expect(locked).toHaveProperty("data.code", "TOO_MANY_REQUESTS");
      const error = locked as TRPCClientError<AppRouter>;
      expect(error.data?.retryAfterSeconds).toBeGreaterThan(0);
      expect(error.data?.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
      expect(error.message).toMatch(/Try again in \d+ seconds?/);
    });

    it("a success clears the failure count", async () => {
      await signIn("10.0.1.1", "b@example.test", "wrong", 0);
      await signIn("10.0.1.1", "b@example.test", "wrong", 0);
      expect(await signIn("10.0.1.1", "b@example.test", PASSWORD, 0)).toBe("ok");
      await signIn("10.0.1.1", "b@example.test", "wrong", 0);
      await signIn("10.0.1.1", "b@example.test", "wrong", 0);
      expect(await signIn("10.0.1.1", "b@example.test", PASSWORD, 0)).toBe("ok");
    });

    it("limits attempts per client IP regardless of the account", async () => {
      const results: unknown[] = [];
      for (let i = 0; i < policy.signInPerIp + 1; i++) {
        results.push(await signIn("10.0.2.1", i % 2 ? "c@example.test" : "d@example.test", PASSWORD, i % 2));
      }
      expect(results.slice(0, policy.signInPerIp)).toEqual(Array(policy.signInPerIp).fill("ok"));
      expect(results.at(-1)).toHaveProperty("data.code", "TOO_MANY_REQUESTS");
      expect(await signIn("10.0.2.2", "c@example.test", PASSWORD)).toBe("ok");
    });
  });

  describe("registration throttling", () => {
    it("allows 2 registrations per IP per hour", async () => {
      const register = (n: number) =>
        from("10.0.3.1")
          .auth.register.mutate({ email: `new${n}@example.test`, name: "New", password: "long enough pw" })
          .then(() => "ok")
          .catch((e: TRPCClientError<AppRouter>) => e.data?.code);
      expect([await register(1), await register(2), await register(3)]).toEqual([
        "ok",
        "ok",
        "TOO_MANY_REQUESTS",
      ]);
    });
  });
});
