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
 * Brute-force and abuse limits. Counters live in a shared store — PostgreSQL by default, Redis when
 * configured — so every user-svc replica sees the same counts; if the store is unreachable, an
 * in-memory limiter per replica takes over rather than letting requests through unthrottled.
 *
 * Sign-in throttles the attacker, not the owner (see sign-in.ts):
 * - every attempt is counted per client IP;
 * - each (email, client) pair has a ladder of windows, so failures from one client meet growing waits;
 * - all strangers together (clients without a device cookie for the account) have a per-email ladder
 *   too, so an attacker spreading guesses over many IPs is slowed as well;
 * - a browser holding the account's device cookie skips the strangers' ladder: an attacker hammering
 *   an email cannot lock its owner out. Its own (email, device) ladder still applies.
 * A "ladder" is a list of fixed windows checked together ([5 per minute, 10 per 15 minutes, …]): the
 * more failures pile up, the longer the wait, yet nothing is a permanent lock.
 *
 * Each attempt reserves its points atomically before the password is checked (a consume, not a
 * read), so 25 parallel guesses cannot all pass a "fewer than 10 so far?" test at once. A correct
 * password gives its reservation back.
 */
export type Ladder = readonly (readonly [points: number, seconds: number])[];

export interface AuthLimitPolicy {
  /** Attempts per client IP per minute, failed or not. */
  signInPerIp: number;
  /** Attempts for one email from one client (an IP, or a trusted device). */
  perClient: Ladder;
  /** Attempts for one email from every client without that account's device cookie, together. */
  perEmailStrangers: Ladder;
  /** Registrations per client IP per hour. */
  registrationsPerIp: number;
  /** "Forgot password" requests per client IP and per email, per hour. */
  resetRequestsPerIp: number;
  resetRequestsPerEmail: number;
  /** Verification-code resends per account per hour. */
  verificationSendsPerUser: number;
}

export const DEFAULT_POLICY: AuthLimitPolicy = {
  signInPerIp: 20,
  perClient: [
    [5, 60],
    [10, 15 * 60],
    [20, 60 * 60],
  ],
  perEmailStrangers: [
    [10, 60],
    [30, 60 * 60],
    [100, 24 * 60 * 60],
  ],
  registrationsPerIp: 10,
  resetRequestsPerIp: 10,
  resetRequestsPerEmail: 3,
  verificationSendsPerUser: 5,
};

/** Who is signing in, as far as throttling goes. */
export type SignInClient = { kind: "device"; id: string } | { kind: "ip"; ip: string };

/** Points taken before a password check; a correct password hands them back. */
export interface SignInReservation {
  succeeded(): Promise<void>;
}

export interface AuthLimits {
  /** Throws TOO_MANY_REQUESTS when this IP has made too many sign-in attempts of any kind. */
  beforeSignIn(ip: string): Promise<void>;
  /** Reserves one attempt for `email` from `client`; throws TOO_MANY_REQUESTS when a window is full. */
  reserveSignIn(email: string, client: SignInClient): Promise<SignInReservation>;
  /** Forgets every failure recorded for `email` (its owner proved control of the mailbox). */
  clearSignInFailures(email: string): Promise<void>;
  beforeRegistration(ip: string): Promise<void>;
  beforeResetRequest(ip: string, email: string): Promise<void>;
  beforeVerificationSend(userId: string): Promise<void>;
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
  const ladder = (prefix: string, rungs: Ladder) =>
    rungs.map(([points, seconds]) => store(`${prefix}_${seconds}s`, points, seconds));

  const ipSignIn = store("signin_ip", policy.signInPerIp, 60);
  const clientLadder = ladder("signin_client", policy.perClient);
  const strangerLadder = ladder("signin_email", policy.perEmailStrangers);
  const ipRegistration = store("register_ip", policy.registrationsPerIp, 60 * 60);
  const ipResetRequest = store("reset_ip", policy.resetRequestsPerIp, 60 * 60);
  const emailResetRequest = store("reset_email", policy.resetRequestsPerEmail, 60 * 60);
  const userVerificationSend = store("verify_send_user", policy.verificationSendsPerUser, 60 * 60);

  const clientKey = (email: string, client: SignInClient) =>
    client.kind === "device" ? `${email}|device:${client.id}` : `${email}|ip:${client.ip}`;

  return {
    async beforeSignIn(ip) {
      await consume(ipSignIn, ip, "sign-in attempts from your network");
    },
    async reserveSignIn(email, client) {
      const key = clientKey(email, client);
      const taken: [RateLimiterAbstract, string][] = [];
      for (const rung of clientLadder) {
        await consume(rung, key, "failed sign-ins from this browser");
        taken.push([rung, key]);
      }
      if (client.kind === "ip") {
        for (const rung of strangerLadder) {
          await consume(rung, email, "failed sign-ins for this account");
          taken.push([rung, email]);
        }
      }
      return {
        async succeeded() {
          // This client proved it knows the password: its own failures are forgotten. The strangers'
          // count only gets this attempt back — failures of others stay counted.
          await Promise.all(taken.map(([rung, k]) => (k === key ? rung.delete(k) : rung.reward(k, 1))));
        },
      };
    },
    async clearSignInFailures(email) {
      await Promise.all(strangerLadder.map((rung) => rung.delete(email)));
    },
    async beforeRegistration(ip) {
      await consume(ipRegistration, ip, "registrations from your network");
    },
    async beforeResetRequest(ip, email) {
      await consume(ipResetRequest, ip, "password reset requests from your network");
      await consume(emailResetRequest, email, "password reset requests for this email");
    },
    async beforeVerificationSend(userId) {
      await consume(userVerificationSend, userId, "verification emails");
    },
  };
}
