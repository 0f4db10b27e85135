import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { publicUserSelect } from "../accounts/schemas.ts";
import { authedProcedure, router, serviceProcedure } from "../trpc.ts";

export const usersRouter = router({
  me: authedProcedure.query(async ({ ctx }) => {
    const user = await ctx.db.user.findUnique({ where: { id: ctx.user.id }, select: publicUserSelect });
    if (!user) throw new TRPCError({ code: "NOT_FOUND", message: "Account not found" });
    return user;
  }),

  /** Service-only: e.g. order-svc looking up where to send a confirmation. */
  byId: serviceProcedure.input(z.object({ id: z.uuid() })).query(async ({ ctx, input }) => {
    const user = await ctx.db.user.findUnique({ where: { id: input.id }, select: publicUserSelect });
    if (!user) throw new TRPCError({ code: "NOT_FOUND", message: "No such user" });
    return user;
  }),
});
