import { callers, type TestService } from "@shop/testing/service";
import type { TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../src/db.ts";
import type { AuthLimitPolicy } from "../src/rate-limit/auth-limits.ts";
import { DEFAULT_POLICY } from "../src/rate-limit/auth-limits.ts";
import type { AppRouter } from "../src/router/index.ts";
import { startUserStack, type UserStack } from "./user-stack.ts";

const policy: AuthLimitPolicy = { ...DEFAULT_POLICY, resetRequestsPerEmail: 2, verificationSendsPerUser: 2 };
let stack: UserStack;
let db: Db;
let svc: TestService<AppRouter>;
let ipCounter = 0;
/** A guest from an address of its own, so per-IP limits stay out of these tests' way. */
const guest = () =>
  svc.as({ ...callers.guest, ip: `10.50.${Math.floor(ipCounter / 250)}.${(ipCounter++ % 250) + 1}` });
const codeOf = (e: unknown) => (e as TRPCClientError<AppRouter>).data?.code;
const failure = (p: Promise<unknown>) =>
  p.then(() => "ok").catch((e: unknown) => e as TRPCClientError<AppRouter>);

beforeAll(async () => {
  stack = await startUserStack({ policy });
  ({ db, svc } = stack);
});
afterAll(() => stack?.close());

let n = 0;
async function registered(password = "first password!") {
  n += 1;
  const email = `person${n}@example.test`;
  const mark = stack.mark();
  const user = await guest().auth.register.mutate({ email, name: `Person ${n}`, password });
  const me = { sub: user.id, role: "SHOPPER" as const, email };
  return { user, email, password, mark, as: svc.as(me) };
}

describe("email verification", () => {
  it("mails a 6-digit code at registration; only its hash is stored; the code verifies once", async () => {
    const { user, email, mark, as } = await registered();
    expect(user.emailVerified).toBe(false);
    const code = await stack.codeFor(email, mark);
    const row = await db.emailVerification.findUniqueOrThrow({ where: { userId: user.id } });
    expect(row.codeHash).not.toContain(code);
    expect(row.codeHash).toMatch(/^[0-9a-f]{64}$/);

    const wrong = code === "000000" ? "111111" : "000000";
    expect(codeOf(await failure(as.account.verifyEmail.mutate({ code: wrong })))).toBe("BAD_REQUEST");
    const verified = await as.account.verifyEmail.mutate({ code });
    expect(verified.emailVerified).toBe(true);
    expect(await db.emailVerification.count({ where: { userId: user.id } })).toBe(0);
    expect((await svc.as(callers.service).users.byId.query({ id: user.id })).emailVerified).toBe(true);
  });

  it("refuses a malformed code with the field's message", async () => {
    const { as } = await registered();
    const error = (await failure(
      as.account.verifyEmail.mutate({ code: "12ab" }),
    )) as TRPCClientError<AppRouter>;
    expect(error.data?.fieldErrors).toEqual({ code: ["Enter the 6-digit code from the email"] });
  });

  it("bounds wrong guesses, even in parallel: after 5 the right code no longer works", async () => {
    const { email, mark, as } = await registered();
    const code = await stack.codeFor(email, mark);
    const guesses = Array.from({ length: 12 }, (_, i) =>
      String((Number(code) + 1 + i) % 1_000_000).padStart(6, "0"),
    );
    const results = await Promise.all(
      guesses.map((g) => failure(as.account.verifyEmail.mutate({ code: g }))),
    );
    expect(results.filter((r) => codeOf(r) === "BAD_REQUEST")).toHaveLength(5);
    expect(results.filter((r) => codeOf(r) === "PRECONDITION_FAILED")).toHaveLength(7);
    expect(codeOf(await failure(as.account.verifyEmail.mutate({ code })))).toBe("PRECONDITION_FAILED");
  });

  it("expires", async () => {
    const { user, email, mark, as } = await registered();
    const code = await stack.codeFor(email, mark);
    await db.emailVerification.update({
      where: { userId: user.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(codeOf(await failure(as.account.verifyEmail.mutate({ code })))).toBe("PRECONDITION_FAILED");
  });

  it("resend replaces the code and is rate-limited per account", async () => {
    const { email, mark, as } = await registered();
    const first = await stack.codeFor(email, mark);
    const beforeResend = stack.mark();
    expect(await as.account.resendVerification.mutate()).toEqual({ sent: true, alreadyVerified: false });
    const second = await stack.codeFor(email, beforeResend);
    await as.account.resendVerification.mutate();
    expect(codeOf(await failure(as.account.resendVerification.mutate()))).toBe("TOO_MANY_REQUESTS");
    if (first !== second) {
      // The first code died with the resend (a 1-in-a-million coincidence would make them equal).
      expect(codeOf(await failure(as.account.verifyEmail.mutate({ code: first })))).not.toBe("ok");
    }
  });
});

describe("password reset", () => {
  it("answers the same for an unknown email, and mails only real accounts", async () => {
    const { email } = await registered();
    const mark = stack.mark();
    const unknown = await guest().auth.requestPasswordReset.mutate({ email: "nobody-here@example.test" });
    const known = await guest().auth.requestPasswordReset.mutate({ email: email.toUpperCase() });
    expect(unknown).toEqual(known);
    await stack.resetTokenFor(email, mark); // the end marker: the known account's mail arrived…
    // …and the unknown address, asked for first, got nothing.
    expect(stack.mail.messages().some((m) => m.to.includes("nobody-here@example.test"))).toBe(false);
  });

  it("sets a new password once; every session ends; the old password stops working", async () => {
    const { user, email, password } = await registered();
    const before = await guest().auth.verifyCredentials.mutate({ email, password });
    const mark = stack.mark();
    await guest().auth.requestPasswordReset.mutate({ email });
    const token = await stack.resetTokenFor(email, mark);
    expect(await db.passwordReset.count({ where: { tokenHash: { contains: token } } })).toBe(0);

    // Submitted twice at the same moment: exactly one wins.
    const both = await Promise.all([
      failure(guest().auth.resetPassword.mutate({ token, password: "brand new password" })),
      failure(guest().auth.resetPassword.mutate({ token, password: "another new password" })),
    ]);
    expect(both.filter((r) => r === "ok")).toHaveLength(1);
    expect(both.map(codeOf).filter((c) => c === "PRECONDITION_FAILED")).toHaveLength(1);

    const after = await svc.as(callers.service).users.byId.query({ id: user.id });
    expect(after.sessionVersion).toBeGreaterThan(before.sessionVersion);
    expect(after.emailVerified).toBe(true); // the link reached the mailbox
    expect(codeOf(await failure(guest().auth.verifyCredentials.mutate({ email, password })))).toBe(
      "UNAUTHORIZED",
    );
    const newPassword = both[0] === "ok" ? "brand new password" : "another new password";
    expect((await guest().auth.verifyCredentials.mutate({ email, password: newPassword })).id).toBe(user.id);
  });

  it("applies the sign-up strength rule, with the same message", async () => {
    const error = (await failure(
      guest().auth.resetPassword.mutate({ token: "a".repeat(43), password: "short" }),
    )) as TRPCClientError<AppRouter>;
    expect(error.data?.fieldErrors).toEqual({ password: ["Password must be at least 10 characters"] });
  });

  it("expires after 30 minutes", async () => {
    const { user, email } = await registered();
    const mark = stack.mark();
    await guest().auth.requestPasswordReset.mutate({ email });
    const token = await stack.resetTokenFor(email, mark);
    const row = await db.passwordReset.findFirstOrThrow({ where: { userId: user.id } });
    // expiresAt is set by user-svc's clock, createdAt by the database's: equal up to the insert's latency.
    const lifetimeMs = row.expiresAt.getTime() - row.createdAt.getTime();
    expect(Math.abs(lifetimeMs - 30 * 60_000)).toBeLessThan(5_000);
    await db.passwordReset.updateMany({
      where: { userId: user.id },
      data: { expiresAt: new Date(Date.now() - 1) },
    });
    const error = await failure(guest().auth.resetPassword.mutate({ token, password: "never applied!" }));
    expect(codeOf(error)).toBe("PRECONDITION_FAILED");
  });

  it("is rate-limited per email, for unknown emails alike", async () => {
    const ask = (email: string) => failure(guest().auth.requestPasswordReset.mutate({ email }));
    const { email } = await registered();
    expect([codeOf(await ask(email)), codeOf(await ask(email)), codeOf(await ask(email))]).toEqual([
      undefined,
      undefined,
      "TOO_MANY_REQUESTS",
    ]);
    const ghost = "ghost@example.test";
    expect([codeOf(await ask(ghost)), codeOf(await ask(ghost)), codeOf(await ask(ghost))]).toEqual([
      undefined,
      undefined,
      "TOO_MANY_REQUESTS",
    ]);
  });
});

describe("account: password change and sessions", () => {
  it("changes the password only with the current one, and ends the other sessions", async () => {
    const { user, email, password, as } = await registered();
    const before = await guest().auth.verifyCredentials.mutate({ email, password });
    const wrong = (await failure(
      as.account.changePassword.mutate({ currentPassword: "not it at all", newPassword: "a newer password" }),
    )) as TRPCClientError<AppRouter>;
    expect(wrong.data?.code).toBe("BAD_REQUEST");
    expect(wrong.data?.fieldErrors).toEqual({ currentPassword: ["Your current password is not right"] });

    const changed = await as.account.changePassword.mutate({
      currentPassword: password,
      newPassword: "a newer password",
    });
    expect(changed.sessionVersion).toBeGreaterThan(before.sessionVersion);
    expect(codeOf(await failure(guest().auth.verifyCredentials.mutate({ email, password })))).toBe(
      "UNAUTHORIZED",
    );
    expect((await guest().auth.verifyCredentials.mutate({ email, password: "a newer password" })).id).toBe(
      user.id,
    );
  });

  it("sign out everywhere raises the session version", async () => {
    const { user, as } = await registered();
    const before = await svc.as(callers.service).users.byId.query({ id: user.id });
    const { sessionVersion } = await as.account.signOutEverywhere.mutate();
    expect(sessionVersion).toBe(before.sessionVersion + 1);
  });

  it("me says how the account signs in", async () => {
    const { as } = await registered();
    const me = await as.users.me.query();
    expect(me).toMatchObject({ hasPassword: true, googleLinked: false, emailVerified: false });
    expect(me).not.toHaveProperty("passwordHash");
    expect(me).not.toHaveProperty("googleSub");
  });
});
