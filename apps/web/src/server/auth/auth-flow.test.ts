import type { Caller } from "@shop/service-kit/auth";
import { FieldValidationError, RetryAfterError } from "@shop/service-kit/errors";
import type { RunningService } from "@shop/service-kit/server";
import { initServiceTRPC } from "@shop/service-kit/trpc";
import { TRPCError } from "@trpc/server";
import type { Account, User } from "next-auth";
import type { JWT } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { rateLimitedCode } from "../../lib/auth-errors.ts";
import { startStandInService } from "../testing/stand-in-service.ts";
import { credentialsProvider } from "./credentials-provider.ts";
import { linkGoogleAccount } from "./google-provider.ts";
import { authOptions, SessionEndedError } from "./options.ts";
import { forgetAccount, forgetAccounts } from "./role-freshness.ts";

/**
 * The BFF's side of signing in, against a stand-in user-svc on the real service server (so the
 * internal token, its role and its signed client IP are what a real service would see).
 */
const SECRET = "auth-flow-test-secret-long-enough-0123456789";
const SHOP_USER = {
  id: "5d1c1a1e-0000-4000-8000-000000000042",
  email: "ann@example.test",
  name: "Ann",
  role: "SHOPPER" as const,
};
const seen: Caller[] = [];
/** The account's current session version at the stand-in user-svc. */
let sessionVersion = 1;

const { router, publicProcedure, serviceProcedure } = initServiceTRPC();
const standInUserRouter = router({
  auth: router({
    verifyCredentials: publicProcedure
      .input(z.object({ email: z.string(), password: z.string() }))
      .mutation(({ ctx, input }) => {
        seen.push(ctx.caller);
        if (input.password === "slow-down") {
          throw new TRPCError({
            code: "TOO_MANY_REQUESTS",
            message: "Too many failed sign-ins. Try again in 37 seconds.",
            cause: new RetryAfterError("Too many", 37),
          });
        }
        if (input.password !== "right-password") {
          throw new TRPCError({ code: "UNAUTHORIZED", message: "Invalid email or password" });
        }
        return {
          ...SHOP_USER,
          emailVerified: false,
          sessionVersion,
          deviceToken: null,
          createdAt: new Date(),
        };
      }),
    upsertOAuthUser: publicProcedure
      .input(
        z.object({ email: z.string(), emailVerified: z.boolean(), providerAccountId: z.string() }).loose(),
      )
      .mutation(({ ctx, input }) => {
        seen.push(ctx.caller);
        if (!input.emailVerified) {
          throw new TRPCError({
            code: "CONFLICT",
            message: "An account with this email exists",
            cause: new FieldValidationError("exists", { email: ["exists"] }),
          });
        }
        return {
          ...SHOP_USER,
          email: input.email,
          emailVerified: true,
          sessionVersion,
          createdAt: new Date(),
        };
      }),
  }),
  users: router({
    byId: serviceProcedure.input(z.object({ id: z.string() })).query(() => ({
      ...SHOP_USER,
      emailVerified: true,
      sessionVersion,
      createdAt: new Date(),
    })),
  }),
});

let userSvc: RunningService;

beforeAll(async () => {
  userSvc = await startStandInService("user-svc", standInUserRouter, SECRET);
  // Read lazily on first use (webEnv/authEnv), so setting them before any call is enough.
  process.env.USER_SVC_URL = userSvc.url;
  process.env.INTERNAL_JWT_SECRET = SECRET;
  process.env.NEXTAUTH_SECRET = "nextauth-test-secret-0123456789-0123456789";
});

afterAll(async () => {
  await userSvc?.close();
});

function authorize(password: string, headers: Record<string, string> = {}) {
  const provider = credentialsProvider() as unknown as {
    options: {
      authorize: (credentials: Record<string, string>, req: { headers: Record<string, string> }) => unknown;
    };
  };
  return provider.options.authorize({ email: "ann@example.test", password }, { headers });
}

describe("credentials sign-in", () => {
  it("returns the shop user, relaying the client IP as a GUEST caller", async () => {
    await expect(authorize("right-password", { "x-forwarded-for": "203.0.113.7" })).resolves.toEqual({
      ...SHOP_USER,
      sessionVersion: 1,
      verifiedEmail: false,
    });
    expect(seen.at(-1)).toEqual({ sub: "web-bff", role: "GUEST", ip: "203.0.113.7" });
  });

  it("answers a wrong password with null (next-auth's CredentialsSignin)", async () => {
    await expect(authorize("wrong")).resolves.toBeNull();
  });

  it("turns a rate limit into an error code that carries the wait", async () => {
    await expect(authorize("slow-down")).rejects.toThrow(rateLimitedCode(37));
  });
});

const account = { provider: "google", providerAccountId: "google-sub-1", type: "oauth" } as Account;

describe("Google sign-in", () => {
  it("links through user-svc as SERVICE and turns the user into the shop account", async () => {
    const user: User = { id: "google-sub-1", name: "Ann G", email: "ann@gmail.test" };
    const verdict = await linkGoogleAccount(user, account, {
      email: "ann@gmail.test",
      email_verified: true,
    } as never);
    expect(verdict).toBe(true);
    expect(seen.at(-1)).toEqual({ sub: "web-bff", role: "SERVICE" });
    expect(user).toMatchObject({ id: SHOP_USER.id, role: "SHOPPER", email: "ann@gmail.test" });
  });

  it("sends an unverified email that matches an account back to sign-in with an explanation", async () => {
    const user: User = { id: "google-sub-1", name: "Mallory", email: "ann@example.test" };
    const verdict = await linkGoogleAccount(user, account, {
      email: "ann@example.test",
      email_verified: false,
    } as never);
    expect(verdict).toBe("/signin?error=OAuthAccountNotLinked");
    expect(user.role).toBeUndefined();
  });
});

describe("session callbacks", () => {
  const callbacks = () => {
    const { jwt, session } = authOptions().callbacks ?? {};
    if (!jwt || !session) throw new Error("callbacks missing");
    return { jwt, session };
  };

  it("puts the shop id, role and email into the token and the session", async () => {
    const { jwt, session } = callbacks();
    const token = (await jwt({ token: {}, user: { ...SHOP_USER }, account: null } as never)) as JWT;
    expect(token).toMatchObject({ sub: SHOP_USER.id, role: "SHOPPER", email: SHOP_USER.email, name: "Ann" });
    const result = await session({ session: { expires: "" }, token } as never);
    expect(result).toMatchObject({ user: { id: SHOP_USER.id, role: "SHOPPER", email: SHOP_USER.email } });
  });

  it("ends a session once the account's session version moved on, and reads the current role meanwhile", async () => {
    const { jwt } = callbacks();
    sessionVersion = 7;
    const token = (await jwt({
      token: {},
      user: { ...SHOP_USER, sessionVersion: 7 },
      account: null,
    } as never)) as JWT;
    expect(token.sv).toBe(7);
    forgetAccounts();
    // A later use of the same cookie: still valid, and now knows the email was verified.
    const later = (await jwt({ token } as never)) as JWT;
    expect(later.emailVerified).toBe(true);
    // Signed out everywhere (the version is raised), then the same cookie is presented again.
    sessionVersion = 8;
    forgetAccount(SHOP_USER.id);
    await expect(async () => jwt({ token } as never)).rejects.toBeInstanceOf(SessionEndedError);
    // A session from before versions existed counts as version 1.
    sessionVersion = 1;
    forgetAccount(SHOP_USER.id);
    const { sv: _none, ...legacy } = token;
    await expect(jwt({ token: legacy } as never)).resolves.toMatchObject({ sub: SHOP_USER.id });
  });

  it("refuses to issue a session for a sign-in that carried no shop role", async () => {
    const { jwt } = callbacks();
    const unlinked = { id: "google-sub-2", email: "x@gmail.test" };
    await expect(async () => jwt({ token: {}, user: unlinked, account } as never)).rejects.toThrow(
      /no shop role/,
    );
  });

  it("only redirects within the site", async () => {
    const redirect = authOptions().callbacks?.redirect;
    const baseUrl = "http://localhost:3000";
    expect(await redirect?.({ url: "/cart", baseUrl })).toBe("http://localhost:3000/cart");
    expect(await redirect?.({ url: "https://evil.example/", baseUrl })).toBe("http://localhost:3000/");
  });
});
