import { TRPCError } from "@trpc/server";
import { hashPassword, verifyPassword } from "../accounts/password.ts";
import { credentialsInput, publicUserSelect, registerInput } from "../accounts/schemas.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { publicProcedure, router } from "../trpc.ts";

export const authRouter = router({
  register: publicProcedure.input(registerInput).mutation(async ({ ctx, input }) => {
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
    const user = await ctx.db.user.findUnique({
      where: { email: input.email },
      select: { ...publicUserSelect, passwordHash: true },
    });
    const ok = await verifyPassword(user?.passwordHash, input.password);
    if (!user || !ok) throw new TRPCError({ code: "UNAUTHORIZED", message: "Invalid email or password" });
    const { passwordHash: _omit, ...publicUser } = user;
    return publicUser;
  }),
});
