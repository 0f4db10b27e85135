import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { retryFailedEmail } from "../email/delivery.ts";
import { notificationStream } from "../live/notification-stream.ts";
import { adminProcedure, authedProcedure, router } from "../trpc.ts";

const notificationSelect = {
  id: true,
  type: true,
  title: true,
  body: true,
  orderId: true,
  orderStatus: true,
  status: true,
  readAt: true,
  createdAt: true,
} as const;

const page = {
  limit: z.number().int().min(1).max(50).default(20),
  cursor: z.uuid().optional(),
};

export const notificationsRouter = router({
  /** The caller's notifications, newest first, keyset-paginated by (createdAt, id). */
  mine: authedProcedure
    .input(z.object({ ...page, unreadOnly: z.boolean().default(false) }))
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

  /**
   * Live stream of the caller's new notifications over SSE. Items are tracked by sequence number, so a
   * client that reconnects with lastEventId gets everything it missed, in order.
   */
  onEvent: authedProcedure
    .input(z.object({ lastEventId: z.string().max(30).nullish() }).optional())
    .subscription(({ ctx, input, signal }) =>
      notificationStream({
        db: ctx.db,
        hub: ctx.hub,
        userId: ctx.user.id,
        lastEventId: input?.lastEventId,
        signal,
      }),
    ),

  list: adminProcedure
    .input(z.object({ ...page, status: z.enum(["PENDING", "SENDING", "SENT", "FAILED"]).optional() }))
    .query(async ({ ctx, input }) => {
      const rows = await ctx.db.notification.findMany({
        where: input.status ? { status: input.status } : {},
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: input.limit + 1,
        ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
        select: {
          ...notificationSelect,
          userId: true,
          recipient: true,
          attempts: true,
          lastError: true,
          sentAt: true,
        },
      });
      const items = rows.slice(0, input.limit);
      return { items, nextCursor: rows.length > input.limit ? (items.at(-1)?.id ?? null) : null };
    }),

  /** Resends a FAILED email now (claimed like the consumer's sends, so the two never both send it). */
  retry: adminProcedure.input(z.object({ id: z.uuid() })).mutation(async ({ ctx, input }) => {
    const notification = await ctx.db.notification.findUnique({
      where: { id: input.id },
      select: { id: true, status: true },
    });
    if (!notification) throw new TRPCError({ code: "NOT_FOUND", message: "No such notification" });
    if (notification.status !== "FAILED") {
      throw new TRPCError({
        code: "PRECONDITION_FAILED",
        message: `Only FAILED notifications can be retried (this one is ${notification.status})`,
      });
    }
    const outcome = await retryFailedEmail(
      { db: ctx.db, mailer: ctx.mailer, log: ctx.log, webUrl: ctx.webUrl },
      notification.id,
    );
    if (outcome === "not-failed") {
      throw new TRPCError({
        code: "CONFLICT",
        message: "This notification is being sent or was sent meanwhile",
      });
    }
    const after = await ctx.db.notification.findUniqueOrThrow({
      where: { id: input.id },
      select: { status: true, attempts: true, lastError: true },
    });
    return { outcome, ...after };
  }),
});
