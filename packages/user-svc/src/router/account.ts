import { FieldValidationError } from "@shop/service-kit/errors";
import { TRPCError } from "@trpc/server";
import { issueVerificationCode, verifyEmailCode } from "../accounts/email-verification.ts";
import { hashPassword, verifyPassword } from "../accounts/password.ts";
import { endAllSessions } from "../accounts/sessions.ts";
import { sendInBackground } from "../mail/account-mail.ts";
import { authedProcedure, router } from "../trpc.ts";
import { changePasswordInput, verifyEmailInput } from "./account.schema.ts";

/** The signed-in person's own account: verification, password, sessions. */
export const accountRouter = router({
  /** Verifies the email with the 6-digit code from the registration (or resend) email. */
  verifyEmail: authedProcedure
    .input(verifyEmailInput)
    .mutation(({ ctx, input }) => verifyEmailCode(ctx.db, ctx.user.id, input.code)),

  /** Mails a fresh code (the old one stops working). Rate-limited per account. */
  resendVerification: authedProcedure.mutation(async ({ ctx }) => {
    const user = await ctx.db.user.findUnique({
      where: { id: ctx.user.id },
      select: { email: true, name: true, emailVerified: true },
    });
    if (!user) throw new TRPCError({ code: "NOT_FOUND", message: "Account not found" });
    if (user.emailVerified) return { sent: false as const, alreadyVerified: true };
    await ctx.limits.beforeVerificationSend(ctx.user.id);
    const code = await issueVerificationCode(ctx.db, ctx.user.id);
    sendInBackground(ctx.mailer, { kind: "verify-email", to: user.email, name: user.name, code }, ctx.log);
    return { sent: true as const, alreadyVerified: false };
  }),

  /**
   * Asks for the current password (throttled like a sign-in from one client), sets the new one and
   * ends every session; returns the new session version so the BFF can keep the caller signed in.
   */
  changePassword: authedProcedure.input(changePasswordInput).mutation(async ({ ctx, input }) => {
    const user = await ctx.db.user.findUnique({
      where: { id: ctx.user.id },
      select: { email: true, passwordHash: true },
    });
    if (!user) throw new TRPCError({ code: "NOT_FOUND", message: "Account not found" });
    if (!user.passwordHash) {
      throw new TRPCError({
        code: "PRECONDITION_FAILED",
        message: "This account has no password yet. Use “Forgot password?” on the sign-in page to set one.",
      });
    }
    // Throttled per session holder only: strangers hammering the email must not block its owner here.
    const reservation = await ctx.limits.reserveSignIn(user.email, {
      kind: "device",
      id: `session:${ctx.user.id}`,
    });
    if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
      const message = "Your current password is not right";
      throw new TRPCError({
        code: "BAD_REQUEST",
        message,
        cause: new FieldValidationError(message, { currentPassword: [message] }),
      });
    }
    await reservation.succeeded();
    const passwordHash = await hashPassword(input.newPassword);
    const sessionVersion = await ctx.db.$transaction(async (tx) => {
      await tx.user.update({ where: { id: ctx.user.id }, data: { passwordHash } });
      await tx.passwordReset.deleteMany({ where: { userId: ctx.user.id } });
      return endAllSessions(tx, ctx.user.id);
    });
    return { sessionVersion };
  }),

  /** Ends every session of the account, this one included. */
  signOutEverywhere: authedProcedure.mutation(async ({ ctx }) => {
    const sessionVersion = await ctx.db.$transaction((tx) => endAllSessions(tx, ctx.user.id));
    return { sessionVersion };
  }),
});
