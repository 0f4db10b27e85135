import { TRPCError } from "@trpc/server";
import { linkOrCreateOAuthUser } from "../accounts/oauth.ts";
import { hashPassword, verifyPassword } from "../accounts/password.ts";
import { credentialsInput, oauthUserInput, publicUserSelect, registerInput } from "../accounts/schemas.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { publicProcedure, router, serviceProcedure } from "../trpc.ts";

/** The client IP the BFF signed into the token; calls without one share a single bucket. */
const clientIp = (caller: { ip?: string | undefined }) => caller.ip ?? "unknown";

export const authRouter = router({
  register: publicProcedure.input(registerInput).mutation(async ({ ctx, input }) => {
    await ctx.limits.beforeRegistration(clientIp(ctx.caller));
    const passwordHash = await hashPassword(input.password);
    try {
      return await ctx.db.user.create({
        data: { email: input.email, name: input.name, passwordHash },
        select: publicUserSelect,
      });
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
        throw new TRPCError({ code: "CONFLICT", message: "An account with this email already exists" });
      }
      throw error;
    }
  }),

  /** Used by the BFF's sign-in. One message for unknown email and wrong password: no account probing. */
  verifyCredentials: publicProcedure.input(credentialsInput).mutation(async ({ ctx, input }) => {
    await ctx.limits.beforeSignIn(clientIp(ctx.caller), input.email);
    const user = await ctx.db.user.findUnique({
      where: { email: input.email },
      select: { ...publicUserSelect, passwordHash: true },
    });
    const ok = await verifyPassword(user?.passwordHash, input.password);
    if (!user || !ok) {
      await ctx.limits.afterFailedSignIn(input.email);
      throw new TRPCError({ code: "UNAUTHORIZED", message: "Invalid email or password" });
    }
    await ctx.limits.afterSuccessfulSignIn(input.email);
    const { passwordHash: _omit, ...publicUser } = user;
    return publicUser;
  }),

  /**
   * Google sign-in: the BFF has verified the provider's response (state, PKCE, ID token) and asserts
   * who the user is, so only a SERVICE token may call this.
   */
  upsertOAuthUser: serviceProcedure
    .input(oauthUserInput)
    .mutation(({ ctx, input }) => linkOrCreateOAuthUser(ctx.db, input)),
});
