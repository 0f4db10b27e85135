import { callers, type TestService } from "@shop/testing/service";
import type { TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../src/accounts/password.ts";
import type { Db } from "../src/db.ts";
import type { AppRouter } from "../src/router/index.ts";
import { startUserStack, type UserStack } from "./user-stack.ts";

let stack: UserStack;
let db: Db;
let svc: TestService<AppRouter>;

beforeAll(async () => {
  stack = await startUserStack();
  ({ db, svc } = stack);
  await db.user.create({
    data: {
      email: "pat@example.test",
      name: "Pat",
      emailVerified: true,
      passwordHash: await hashPassword("pat's password"),
    },
  });
  await db.user.create({
    data: { id: callers.admin.sub, email: callers.admin.email, name: "Admin", role: "ADMIN" },
  });
});
afterAll(() => stack?.close());

const google = (
  over: Partial<{ providerAccountId: string; email: string; emailVerified: boolean; name: string }>,
) => ({
  provider: "google" as const,
  providerAccountId: "google-1",
  email: "someone@gmail.test",
  emailVerified: true,
  name: "Someone",
  ...over,
});
const codeOf = (e: unknown) => (e as TRPCClientError<AppRouter>).data?.code;

describe("auth.upsertOAuthUser", () => {
  it("creates a new account on first Google sign-in and finds it again after", async () => {
    const first = await svc.as(callers.service).auth.upsertOAuthUser.mutate(google({}));
    const again = await svc
      .as(callers.service)
      .auth.upsertOAuthUser.mutate(google({ email: "renamed@gmail.test" }));
    expect(again.id).toBe(first.id);
    expect(first.emailVerified).toBe(true);
  });

  it("refuses to link an existing account when Google has not verified the email", async () => {
    const error = await svc
      .as(callers.service)
      .auth.upsertOAuthUser.mutate(
        google({ providerAccountId: "google-evil", email: "PAT@example.test", emailVerified: false }),
      )
      .catch((e: unknown) => e);
    expect(codeOf(error)).toBe("CONFLICT");
    expect((await db.user.findUniqueOrThrow({ where: { email: "pat@example.test" } })).googleSub).toBeNull();
  });

  it("links a verified account when Google verified the email, and its password keeps working", async () => {
    const linked = await svc
      .as(callers.service)
      .auth.upsertOAuthUser.mutate(google({ providerAccountId: "google-pat", email: "pat@example.test" }));
    const pat = await db.user.findUniqueOrThrow({ where: { email: "pat@example.test" } });
    expect(linked.id).toBe(pat.id);
    expect(pat.googleSub).toBe("google-pat");
    const signIn = await svc
      .as({ ...callers.guest, ip: "10.8.0.1" })
      .auth.verifyCredentials.mutate({ email: "pat@example.test", password: "pat's password" });
    expect(signIn.id).toBe(pat.id);
  });

  it("takes an unverified password account over for Google: the old password and sessions end", async () => {
    // The attack: someone registers the victim's address first, with a password of their own.
    const attacker = { ...callers.guest, ip: "10.8.0.2" };
    const preRegistered = await svc.as(attacker).auth.register.mutate({
      email: "victim@example.test",
      name: "Not the victim",
      password: "attacker's own password",
    });
    const attackerSession = await svc
      .as(attacker)
      .auth.verifyCredentials.mutate({ email: "victim@example.test", password: "attacker's own password" });

    // The victim signs in with Google, which verified the address.
    const owner = await svc
      .as(callers.service)
      .auth.upsertOAuthUser.mutate(
        google({ providerAccountId: "google-victim", email: "victim@example.test" }),
      );
    expect(owner.id).toBe(preRegistered.id);
    expect(owner.emailVerified).toBe(true);
    expect(owner.sessionVersion).toBeGreaterThan(attackerSession.sessionVersion);

    const stored = await db.user.findUniqueOrThrow({ where: { id: owner.id } });
    expect(stored.passwordHash).toBeNull();
    expect(await db.trustedDevice.count({ where: { userId: owner.id } })).toBe(0);
    const again = await svc
      .as(attacker)
      .auth.verifyCredentials.mutate({
        email: "victim@example.test",
        password: "attacker's own password",
        deviceTokens: attackerSession.deviceToken ? [attackerSession.deviceToken] : [],
      })
      .catch((e: unknown) => e);
    expect(codeOf(again)).toBe("UNAUTHORIZED");
  });

  it("is for the BFF's service identity only", async () => {
    for (const caller of [callers.guest, callers.shopper, callers.admin]) {
      const error = await svc
        .as(caller)
        .auth.upsertOAuthUser.mutate(google({ providerAccountId: "x" }))
        .catch((e: unknown) => e);
      expect(["UNAUTHORIZED", "FORBIDDEN"]).toContain(codeOf(error));
    }
  });
});

describe("admin user management", () => {
  it("lists and searches users for admins only", async () => {
    const all = await svc.as(callers.admin).users.list.query({});
    expect(all.total).toBe(await db.user.count());
    const pats = await svc.as(callers.admin).users.list.query({ q: "PAT" });
    expect(pats.items.map((u) => u.email)).toEqual(["pat@example.test"]);
    expect(pats.items[0]).not.toHaveProperty("passwordHash");
    expect(
      codeOf(
        await svc
          .as(callers.shopper)
          .users.list.query({})
          .catch((e: unknown) => e),
      ),
    ).toBe("FORBIDDEN");
  });

  it("changes another user's role but never the admin's own", async () => {
    const pat = await db.user.findUniqueOrThrow({ where: { email: "pat@example.test" } });
    expect((await svc.as(callers.admin).users.setRole.mutate({ userId: pat.id, role: "ADMIN" })).role).toBe(
      "ADMIN",
    );
    const self = await svc
      .as(callers.admin)
      .users.setRole.mutate({ userId: callers.admin.sub, role: "SHOPPER" })
      .catch((e: unknown) => e);
    expect(codeOf(self)).toBe("PRECONDITION_FAILED");
    const missing = await svc
      .as(callers.admin)
      .users.setRole.mutate({ userId: "00000000-0000-4000-8000-00000000dead", role: "ADMIN" })
      .catch((e: unknown) => e);
    expect(codeOf(missing)).toBe("NOT_FOUND");
  });
});
