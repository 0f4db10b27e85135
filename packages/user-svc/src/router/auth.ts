import { TRPCError } from "@trpc/server";
import { issueVerificationCode } from "../accounts/email-verification.ts";
import { linkOrCreateOAuthUser } from "../accounts/oauth.ts";
import { hashPassword } from "../accounts/password.ts";
import { requestPasswordReset, resetPassword } from "../accounts/password-reset.ts";
import { publicUserSelect } from "../accounts/selects.ts";
import { signInWithPassword } from "../accounts/sign-in.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { sendInBackground } from "../mail/account-mail.ts";
import { publicProcedure, router, serviceProcedure } from "../trpc.ts";
import {
  credentialsInput,
  oauthUserInput,
  registerInput,
  requestPasswordResetInput,
  resetPasswordInput,
} from "./auth.schema.ts";

/** The client IP the BFF signed into the token; calls without one share a single bucket. */
export const clientIp = (caller: { ip?: string | undefined }) => caller.ip ?? "unknown";

export const authRouter = router({
  /** Creates the account and mails its email-verification code (the account works before that). */
  register: publicProcedure.input(registerInput).mutation(async ({ ctx, input }) => {
    await ctx.limits.beforeRegistration(clientIp(ctx.caller));
    const passwordHash = await hashPassword(input.password);
    let user: Prisma.UserGetPayload<{ select: typeof publicUserSelect }>;
    try {
      user = await ctx.db.user.create({
        data: { email: input.email, name: input.name, passwordHash },
        select: publicUserSelect,
      });
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
        throw new TRPCError({ code: "CONFLICT", message: "An account with this email already exists" });
      }
      throw error;
    }
    const code = await issueVerificationCode(ctx.db, user.id);
    sendInBackground(ctx.mailer, { kind: "verify-email", to: user.email, name: user.name, code }, ctx.log);
    return user;
  }),

  /**
   * Used by the BFF's sign-in. One message for unknown email and wrong password: no account probing.
   * Returns the session version (the BFF stores it in the session) and, for a browser that is not yet
   * a trusted device of the account, a new device token for its device cookie.
   */
  verifyCredentials: publicProcedure
    .input(credentialsInput)
    .mutation(({ ctx, input }) => signInWithPassword(ctx, input, clientIp(ctx.caller))),

  /**
   * Google sign-in: the BFF has verified the provider's response (state, PKCE, ID token) and asserts
   * who the user is, so only a SERVICE token may call this.
   */
  upsertOAuthUser: serviceProcedure
    .input(oauthUserInput)
    .mutation(({ ctx, input }) => linkOrCreateOAuthUser(ctx.db, input)),

  /** Always the same answer, whether or not the email has an account (see password-reset.ts). */
  requestPasswordReset: publicProcedure.input(requestPasswordResetInput).mutation(async ({ ctx, input }) => {
    await ctx.limits.beforeResetRequest(clientIp(ctx.caller), input.email);
    await requestPasswordReset(ctx, input.email);
    return { sent: true as const };
  }),

  /**
   * Sets a new password from a reset link; every session of the account ends. Returns a device token
   * for the browser that used the link (the BFF puts it in the device cookie, see password-reset.ts).
   */
  resetPassword: publicProcedure.input(resetPasswordInput).mutation(async ({ ctx, input }) => {
    await ctx.limits.beforeSignIn(clientIp(ctx.caller));
    const done = await resetPassword(ctx.db, input.token, input.password);
    await ctx.limits.clearSignInFailures(done.email);
    return done;
  }),
});
