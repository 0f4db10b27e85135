import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { publicUserSelect } from "../accounts/schemas.ts";
import { adminProcedure, authedProcedure, router, serviceProcedure } from "../trpc.ts";

const roleSchema = z.enum(["SHOPPER", "ADMIN"]);

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

  list: adminProcedure
    .input(
      z.object({
        q: z.string().trim().max(100).optional(),
        role: roleSchema.optional(),
        cursor: z.uuid().optional(),
        limit: z.number().int().min(1).max(100).default(25),
      }),
    )
    .query(async ({ ctx, input }) => {
      const where = {
        ...(input.role ? { role: input.role } : {}),
        ...(input.q
          ? {
              OR: [
                { email: { contains: input.q, mode: "insensitive" as const } },
                { name: { contains: input.q, mode: "insensitive" as const } },
              ],
            }
          : {}),
      };
      const [rows, total] = await Promise.all([
        ctx.db.user.findMany({
          where,
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          take: input.limit + 1,
          ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
          select: publicUserSelect,
        }),
        ctx.db.user.count({ where }),
      ]);
      const items = rows.slice(0, input.limit);
      return { items, total, nextCursor: rows.length > input.limit ? (items.at(-1)?.id ?? null) : null };
    }),

  setRole: adminProcedure
    .input(z.object({ userId: z.uuid(), role: roleSchema }))
    .mutation(async ({ ctx, input }) => {
      // An admin demoting themself could leave the shop with no admin at all.
      if (input.userId === ctx.user.id) {
        throw new TRPCError({ code: "PRECONDITION_FAILED", message: "You cannot change your own role" });
      }
      const found = await ctx.db.user.findUnique({ where: { id: input.userId }, select: { id: true } });
      if (!found) throw new TRPCError({ code: "NOT_FOUND", message: "No such user" });
      return ctx.db.user.update({
        where: { id: input.userId },
        data: { role: input.role },
        select: publicUserSelect,
      });
    }),
});
