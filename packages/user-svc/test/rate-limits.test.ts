import { startRedisServer } from "@shop/testing/redis";
import { callers, type TestService } from "@shop/testing/service";
import type { TRPCClientError } from "@trpc/client";
import { Redis } from "ioredis";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../src/accounts/password.ts";
import type { AuthLimitPolicy, LimitStore } from "../src/rate-limit/auth-limits.ts";
import type { AppRouter } from "../src/router/index.ts";
import { startUserStack, type UserStack } from "./user-stack.ts";

const policy: AuthLimitPolicy = {
  signInPerIp: 6,
  perClient: [
    [3, 60],
    [5, 60 * 60],
  ],
  perEmailStrangers: [
    [5, 60],
    [8, 60 * 60],
  ],
  registrationsPerIp: 2,
  resetRequestsPerIp: 4,
  resetRequestsPerEmail: 2,
  verificationSendsPerUser: 2,
};
const PASSWORD = "the right password";
type Result = "ok" | TRPCClientError<AppRouter>;

/** The same behaviour from both stores: PostgreSQL (default) and Redis (REDIS_URL). */
describe.each(["postgres", "redis"] as const)("rate limits in %s", (kind) => {
  let stack: UserStack;
  let redisServer: Awaited<ReturnType<typeof startRedisServer>> | undefined;
  /** Two replicas of user-svc sharing one database, as in production. */
  let replicas: TestService<AppRouter>[];

  beforeAll(async () => {
    if (kind === "redis") redisServer = await startRedisServer();
    const redisUrl = redisServer?.url;
    stack = await startUserStack({
      policy,
      stores: (url) =>
        [1, 2].map(
          (): LimitStore =>
            redisUrl
              ? { kind: "redis", client: new Redis(redisUrl, { maxRetriesPerRequest: 1 }) }
              : { kind: "postgres", pool: new pg.Pool({ connectionString: url, max: 3 }) },
        ),
    });
    replicas = stack.replicas;
    const passwordHash = await hashPassword(PASSWORD);
    await stack.db.user.createMany({
      data: ["a", "b", "c", "d", "e", "f", "g"].map((x) => ({
        email: `${x}@example.test`,
        name: x,
        passwordHash,
      })),
    });
  });
  afterAll(async () => {
    await stack?.close();
    await redisServer?.stop();
  });

  const from = (ip: string, replica = 0) => {
    const svc = replicas[replica];
    if (!svc) throw new Error("no replica");
    return svc.as({ ...callers.guest, ip });
  };
  const signIn = (ip: string, email: string, password: string, replica = 0, deviceTokens: string[] = []) =>
    from(ip, replica)
      .auth.verifyCredentials.mutate({ email, password, deviceTokens })
      .then((): Result => "ok")
      .catch((e: TRPCClientError<AppRouter>): Result => e);
  const codeOf = (r: Result) => (r === "ok" ? "ok" : r.data?.code);
  /** The owner signs in once from their browser, which becomes a trusted device. */
  const ownerDevice = async (email: string) => {
    const first = await from("192.168.7.7").auth.verifyCredentials.mutate({ email, password: PASSWORD });
    if (!first.deviceToken) throw new Error("no device token issued");
    return first.deviceToken;
  };

  describe("sign-in throttling", () => {
    it("slows one client with growing waits, across replicas, but never locks the right password out for good", async () => {
      const results = [];
      for (let i = 0; i < 4; i++)
        results.push(codeOf(await signIn("10.0.0.1", "a@example.test", `wrong ${i}`, i % 2)));
      expect(results).toEqual(["UNAUTHORIZED", "UNAUTHORIZED", "UNAUTHORIZED", "TOO_MANY_REQUESTS"]);
      const waiting = (await signIn("10.0.0.1", "a@example.test", PASSWORD, 1)) as TRPCClientError<AppRouter>;
      expect(waiting.data?.code).toBe("TOO_MANY_REQUESTS");
      expect(waiting.data?.retryAfterSeconds).toBeGreaterThan(0);
      expect(waiting.data?.retryAfterSeconds).toBeLessThanOrEqual(60);
      expect(waiting.message).toMatch(/Try again in \d+ seconds?/);
      // Another client is not affected by this one's failures.
      expect(await signIn("10.0.0.2", "a@example.test", PASSWORD, 0)).toBe("ok");
    });

    it("a success clears that client's failures", async () => {
      await signIn("10.0.1.1", "b@example.test", "wrong", 0);
      await signIn("10.0.1.1", "b@example.test", "wrong", 0);
      expect(await signIn("10.0.1.1", "b@example.test", PASSWORD, 0)).toBe("ok");
      await signIn("10.0.1.1", "b@example.test", "wrong", 0);
      await signIn("10.0.1.1", "b@example.test", "wrong", 0);
      expect(await signIn("10.0.1.1", "b@example.test", PASSWORD, 0)).toBe("ok");
    });

    it("limits attempts per client IP regardless of the account", async () => {
      const results: Result[] = [];
      for (let i = 0; i < policy.signInPerIp + 1; i++) {
        results.push(await signIn("10.0.2.1", i % 2 ? "c@example.test" : "d@example.test", PASSWORD, i % 2));
      }
      expect(results.slice(0, policy.signInPerIp)).toEqual(Array(policy.signInPerIp).fill("ok"));
      expect(codeOf(results.at(-1) as Result)).toBe("TOO_MANY_REQUESTS");
      expect(await signIn("10.0.2.2", "c@example.test", PASSWORD)).toBe("ok");
    });
  });

  describe("an attacker cannot lock the owner out", () => {
    it("strangers are throttled per email while the owner's trusted browser keeps signing in", async () => {
      const device = await ownerDevice("e@example.test");
      // Guesses from many addresses (one each, so no per-client or per-IP limit is reached).
      for (let i = 0; i < 12; i++) await signIn(`10.1.0.${i + 1}`, "e@example.test", `guess ${i}`, i % 2);
      // A stranger now waits, even with the right password…
      expect(codeOf(await signIn("10.1.1.1", "e@example.test", PASSWORD))).toBe("TOO_MANY_REQUESTS");
      // …but the owner's browser, which presents its device cookie, gets in (from any network).
      expect(await signIn("10.1.1.2", "e@example.test", PASSWORD, 1, [device])).toBe("ok");
    });

    it("after a password reset, the browser that used the link signs in while strangers are throttled", async () => {
      const mark = stack.mark();
      await from("10.5.0.1").auth.requestPasswordReset.mutate({ email: "b@example.test" });
      const token = await stack.resetTokenFor("b@example.test", mark);
      const reset = await from("10.5.0.1").auth.resetPassword.mutate({ token, password: "reset password!" });
      for (let i = 0; i < 12; i++) await signIn(`10.5.1.${i + 1}`, "b@example.test", `guess ${i}`);
      expect(codeOf(await signIn("10.5.2.1", "b@example.test", "reset password!"))).toBe("TOO_MANY_REQUESTS");
      expect(await signIn("10.5.2.2", "b@example.test", "reset password!", 1, [reset.deviceToken])).toBe(
        "ok",
      );
    });

    it("a device token of another account does not make a stranger trusted", async () => {
      const otherDevice = await ownerDevice("g@example.test");
      for (let i = 0; i < 10; i++) await signIn(`10.3.0.${i + 1}`, "f@example.test", `guess ${i}`);
      expect(codeOf(await signIn("10.3.1.1", "f@example.test", PASSWORD, 0, [otherDevice]))).toBe(
        "TOO_MANY_REQUESTS",
      );
    });

    it("a trusted device that guesses wrong is throttled like any client", async () => {
      const device = await ownerDevice("c@example.test");
      const results = [];
      for (let i = 0; i < 4; i++)
        results.push(codeOf(await signIn("10.4.0.1", "c@example.test", "nope", 0, [device])));
      expect(results).toEqual(["UNAUTHORIZED", "UNAUTHORIZED", "UNAUTHORIZED", "TOO_MANY_REQUESTS"]);
    });
  });

  describe("the per-email check cannot be raced", () => {
    it("25 parallel wrong passwords: only the strangers' allowance is ever checked", async () => {
      const results = await Promise.all(
        Array.from({ length: 25 }, (_, i) =>
          signIn(`10.2.0.${i + 1}`, "d@example.test", `parallel ${i}`, i % 2),
        ),
      );
      const checked = results.filter((r) => codeOf(r) === "UNAUTHORIZED").length;
      const throttled = results.filter((r) => codeOf(r) === "TOO_MANY_REQUESTS").length;
      expect(checked + throttled).toBe(25);
      const firstRung = policy.perEmailStrangers[0]?.[0] ?? 0;
      expect(checked).toBeLessThanOrEqual(firstRung);
      expect(checked).toBeGreaterThan(0);
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
