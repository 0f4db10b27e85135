import { TRPCError } from "@trpc/server";
import { publicUserSelect, sessionUserSelect } from "../accounts/selects.ts";
import { adminProcedure, authedProcedure, router, serviceProcedure } from "../trpc.ts";
import { byIdInput, listUsersInput, setRoleInput } from "./users.schema.ts";

export const usersRouter = router({
  /** The caller's own account, with what the account page shows about how they sign in. */
  me: authedProcedure.query(async ({ ctx }) => {
    const user = await ctx.db.user.findUnique({
      where: { id: ctx.user.id },
      select: { ...publicUserSelect, passwordHash: true, googleSub: true },
    });
    if (!user) throw new TRPCError({ code: "NOT_FOUND", message: "Account not found" });
    const { passwordHash, googleSub, ...account } = user;
    return { ...account, hasPassword: passwordHash !== null, googleLinked: googleSub !== null };
  }),

  /**
   * Service-only: the BFF's session check (role, session version, verified email) and order-svc's
   * checkout (where to send the confirmation, and whether that address is verified).
   */
  byId: serviceProcedure.input(byIdInput).query(async ({ ctx, input }) => {
    const user = await ctx.db.user.findUnique({ where: { id: input.id }, select: sessionUserSelect });
    if (!user) throw new TRPCError({ code: "NOT_FOUND", message: "No such user" });
    return user;
  }),

  list: adminProcedure.input(listUsersInput).query(async ({ ctx, input }) => {
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

  setRole: adminProcedure.input(setRoleInput).mutation(async ({ ctx, input }) => {
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
