import "server-only";
import type { RouterInputs } from "@shop/user-svc/router";
import { TRPCError } from "@trpc/server";
import { rememberDevice } from "../../auth/device-cookie.ts";
import { forgetAccount } from "../../auth/role-freshness.ts";
import { adminProcedure, fromService, publicProcedure, router, signedInProcedure } from "../init.ts";

type AuthInputs = RouterInputs["auth"];
type UserInputs = RouterInputs["users"];
type AccountInputs = RouterInputs["account"];

/**
 * Registration and password reset, relayed to user-svc with the client's IP in the caller (its per-IP
 * limits). Signing in is not here: it goes through next-auth (/api/auth), which sets the session cookie.
 */
export const authRouter = router({
  register: publicProcedure
    .input((raw) => raw as AuthInputs["register"])
    .mutation(({ ctx, input }) => fromService(ctx.services.user.auth.register.mutate(input))),

  requestPasswordReset: publicProcedure
    .input((raw) => raw as AuthInputs["requestPasswordReset"])
    .mutation(({ ctx, input }) => fromService(ctx.services.user.auth.requestPasswordReset.mutate(input))),

  /**
   * The browser that used the reset link becomes the account's trusted device: its device cookie is
   * set here (replacing the ones it had — that cookie is only sent to /api/auth, so they are not known
   * here) and the token never reaches page script.
   */
  resetPassword: publicProcedure
    .input((raw) => raw as AuthInputs["resetPassword"])
    .mutation(async ({ ctx, input }) => {
      const { deviceToken, ...done } = await fromService(ctx.services.user.auth.resetPassword.mutate(input));
      await rememberDevice([], deviceToken).catch((error: unknown) => {
        ctx.log.warn(
          { err: error instanceof Error ? error.message : String(error) },
          "device cookie not set",
        );
      });
      return done;
    }),
});

/** The signed-in person's account, and the admin's user list (user-svc enforces ADMIN). */
export const usersRouter = router({
  me: signedInProcedure.query(({ ctx }) => fromService(ctx.services.user.users.me.query())),

  list: adminProcedure
    .input((raw) => (raw ?? {}) as UserInputs["list"])
    .query(({ ctx, input }) => fromService(ctx.services.user.users.list.query(input))),

  setRole: adminProcedure
    .input((raw) => raw as UserInputs["setRole"])
    .mutation(({ ctx, input }) => fromService(ctx.services.user.users.setRole.mutate(input))),
});

/** Relays a call that changed the caller's account, then drops this replica's cached view of it. */
async function accountChange<T>(userId: string, call: Promise<T>): Promise<T> {
  const result = await fromService(call);
  forgetAccount(userId);
  return result;
}

/**
 * Self-service on the account page and at checkout. Each change that affects the session (verified
 * email, ended sessions) makes this replica forget its cached view of the account at once; other
 * replicas notice within 30 s (auth/role-freshness.ts).
 */
export const accountRouter = router({
  verifyEmail: signedInProcedure
    .input((raw) => raw as AccountInputs["verifyEmail"])
    .mutation(({ ctx, input }) =>
      accountChange(ctx.user.id, ctx.services.user.account.verifyEmail.mutate(input)),
    ),

  resendVerification: signedInProcedure.mutation(({ ctx }) =>
    fromService(ctx.services.user.account.resendVerification.mutate()),
  ),

  /** Ends every session, this one too: the page signs in again with the new password. */
  changePassword: signedInProcedure
    .input((raw) => raw as AccountInputs["changePassword"])
    .mutation(({ ctx, input }) =>
      accountChange(ctx.user.id, ctx.services.user.account.changePassword.mutate(input)),
    ),

  /** `{ confirm: true }`, so a stray or replayed call without it cannot sign anyone out. */
  signOutEverywhere: signedInProcedure
    .input((raw) => {
      if ((raw as { confirm?: unknown } | undefined)?.confirm !== true) {
        throw new TRPCError({ code: "BAD_REQUEST", message: "Confirm signing out everywhere" });
      }
      return { confirm: true as const };
    })
    .mutation(({ ctx }) => accountChange(ctx.user.id, ctx.services.user.account.signOutEverywhere.mutate())),
});
