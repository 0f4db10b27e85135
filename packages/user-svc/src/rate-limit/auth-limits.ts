import { RetryAfterError } from "@shop/service-kit/errors";
import { TRPCError } from "@trpc/server";
import type { Redis } from "ioredis";
import type pg from "pg";
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRedis,
  RateLimiterRes,
} from "rate-limiter-flexible";

/**
 * Brute-force and abuse limits for the endpoints that take passwords. Counters live in a shared store
 * — PostgreSQL by default, Redis when configured — so every user-svc replica sees the same counts; if
 * the store is unreachable, an in-memory limiter per replica takes over rather than letting requests
 * through unthrottled.
 */
export interface AuthLimitPolicy {
  /** Attempts per client IP per minute, failed or not. */
  signInPerIp: number;
  /** Failed sign-ins per email per 15 minutes; a success clears the count. */
  failedSignInPerEmail: number;
  /** Registrations per client IP per hour. */
  registrationsPerIp: number;
}

export const DEFAULT_POLICY: AuthLimitPolicy = {
  signInPerIp: 20,
  failedSignInPerEmail: 5,
  registrationsPerIp: 10,
};

export interface AuthLimits {
  /** Throws TOO_MANY_REQUESTS before a sign-in attempt is even checked. */
  beforeSignIn(ip: string, email: string): Promise<void>;
  afterFailedSignIn(email: string): Promise<void>;
  afterSuccessfulSignIn(email: string): Promise<void>;
  beforeRegistration(ip: string): Promise<void>;
}

function tooMany(res: RateLimiterRes, what: string): TRPCError {
  const seconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
  const message = `Too many ${what}. Try again in ${seconds} second${seconds === 1 ? "" : "s"}.`;
  return new TRPCError({ code: "TOO_MANY_REQUESTS", message, cause: new RetryAfterError(message, seconds) });
}

async function consume(limiter: RateLimiterAbstract, key: string, what: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) throw tooMany(rejection, what);
    throw rejection;
  }
}

export type LimitStore = { kind: "postgres"; pool: pg.Pool } | { kind: "redis"; client: Redis };

export function createAuthLimits(backend: LimitStore, policy: AuthLimitPolicy = DEFAULT_POLICY): AuthLimits {
  const store = (keyPrefix: string, points: number, duration: number): RateLimiterAbstract => {
    const common = {
      keyPrefix,
      points,
      duration,
      insuranceLimiter: new RateLimiterMemory({ keyPrefix, points, duration }),
    };
    return backend.kind === "redis"
      ? new RateLimiterRedis({ ...common, storeClient: backend.client, rejectIfRedisNotReady: true })
      : new RateLimiterPostgres({
          ...common,
          storeClient: backend.pool,
          storeType: "pool",
          tableName: "rate_limits",
          tableCreated: true, // created by the user-svc migrations
        });
  };
  const ipSignIn = store("signin_ip", policy.signInPerIp, 60);
  const emailFailures = store("signin_fail_email", policy.failedSignInPerEmail, 15 * 60);
  const ipRegistration = store("register_ip", policy.registrationsPerIp, 60 * 60);

  return {
    async beforeSignIn(ip, email) {
      await consume(ipSignIn, ip, "sign-in attempts from your network");
      const failures = await emailFailures.get(email);
      if (failures && failures.consumedPoints >= policy.failedSignInPerEmail) {
        throw tooMany(failures, "failed sign-ins for this account");
      }
    },
    async afterFailedSignIn(email) {
      await emailFailures.penalty(email, 1);
    },
    async afterSuccessfulSignIn(email) {
      await emailFailures.delete(email);
    },
    async beforeRegistration(ip) {
      await consume(ipRegistration, ip, "registrations from your network");
    },
  };
}
