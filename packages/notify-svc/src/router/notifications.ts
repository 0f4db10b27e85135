import { z } from "zod";
import { authedProcedure, router } from "../trpc.ts";

const notificationSelect = {
  id: true,
  type: true,
  title: true,
  body: true,
  status: true,
  readAt: true,
  createdAt: true,
} as const;

export const notificationsRouter = router({
  /** The caller's notifications, newest first, keyset-paginated by (createdAt, id). */
  mine: authedProcedure
    .input(
      z.object({
        limit: z.number().int().min(1).max(50).default(20),
        cursor: z.uuid().optional(),
        unreadOnly: z.boolean().default(false),
      }),
    )
    .query(async ({ ctx, input }) => {
      const rows = await ctx.db.notification.findMany({
        where: { userId: ctx.user.id, ...(input.unreadOnly ? { readAt: null } : {}) },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: input.limit + 1,
        ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
        select: notificationSelect,
      });
      const items = rows.slice(0, input.limit);
      return { items, nextCursor: rows.length > input.limit ? (items.at(-1)?.id ?? null) : null };
    }),

  unreadCount: authedProcedure.query(async ({ ctx }) => ({
    count: await ctx.db.notification.count({ where: { userId: ctx.user.id, readAt: null } }),
  })),

  /** Marks the given notifications (or all) read. Other users' ids are silently unaffected. */
  markRead: authedProcedure
    .input(z.object({ ids: z.array(z.uuid()).min(1).max(100).optional() }))
    .mutation(async ({ ctx, input }) => {
      const { count } = await ctx.db.notification.updateMany({
        where: { userId: ctx.user.id, readAt: null, ...(input.ids ? { id: { in: input.ids } } : {}) },
        data: { readAt: new Date() },
      });
      return { marked: count };
    }),
});
