import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { renderAccountMail } from "../email/account-templates.ts";
import { router, serviceProcedure } from "../trpc.ts";

const recipient = { to: z.email().max(254), name: z.string().trim().min(1).max(80) };

const accountMailInput = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("verify-email"), ...recipient, code: z.string().regex(/^\d{6}$/) }),
  z.object({ kind: z.literal("password-reset"), ...recipient, token: z.string().regex(/^[\w-]{43}$/) }),
]);

/**
 * Account mail for user-svc (verification codes, password-reset links): notify-svc owns email, so the
 * SMTP transport, sender and link base live here once. Service-only. Sent synchronously and not
 * stored; user-svc does not wait on it (a failure is reported back and logged there without the secret).
 */
export const accountMailRouter = router({
  send: serviceProcedure.input(accountMailInput).mutation(async ({ ctx, input }) => {
    try {
      await ctx.mailer.send(renderAccountMail(input, ctx.webUrl));
    } catch (error) {
      ctx.log.warn(
        { kind: input.kind, err: error instanceof Error ? error.message : String(error) },
        "account mail failed",
      );
      throw new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "Mail server unavailable" });
    }
    return { sent: true as const };
  }),
});
