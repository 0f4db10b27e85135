import { ORDER_STATUSES } from "@shop/events/order-events";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { MAX_UNITS_PER_PRODUCT, overTheLimit } from "../orders/order-lines.ts";
import { orderForViewer, orderSummarySelect } from "../orders/order-queries.ts";
import { isCancellable } from "../orders/order-status.ts";
import { placeOrder } from "../orders/place-order.ts";
import { changeOrderStatus } from "../orders/status-change.ts";
import { adminProcedure, authedProcedure, router } from "../trpc.ts";

const orderId = z.uuid({ error: "Unknown order" });
const page = { cursor: z.uuid().optional(), limit: z.number().int().min(1).max(50).default(10) };

export const ordersRouter = router({
  place: authedProcedure
    .input(
      z.object({
        idempotencyKey: z.string().trim().min(8, "Idempotency key is too short").max(100),
        items: z
          .array(
            z.object({ productId: z.uuid(), quantity: z.number().int().min(1).max(MAX_UNITS_PER_PRODUCT) }),
          )
          .min(1, "An order needs at least one item")
          .max(50)
          .refine(
            (items) => overTheLimit(items).length === 0,
            `At most ${MAX_UNITS_PER_PRODUCT} of one product per order, counting every line`,
          )
          .optional(),
      }),
    )
    .mutation(({ ctx, input }) =>
      placeOrder(
        {
          db: ctx.db,
          products: ctx.products,
          users: ctx.users,
          log: ctx.log,
          maxPendingOrders: ctx.maxPendingOrders,
        },
        ctx.user,
        input,
      ),
    ),

  mine: authedProcedure.input(z.object(page)).query(async ({ ctx, input }) => {
    const [rows, total] = await Promise.all([
      ctx.db.order.findMany({
        where: { userId: ctx.user.id },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: input.limit + 1,
        ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
        select: orderSummarySelect,
      }),
      ctx.db.order.count({ where: { userId: ctx.user.id } }),
    ]);
    const items = rows.slice(0, input.limit).map(({ _count, ...o }) => ({ ...o, itemCount: _count.items }));
    return { items, total, nextCursor: rows.length > input.limit ? (items.at(-1)?.id ?? null) : null };
  }),

  byId: authedProcedure
    .input(z.object({ orderId }))
    .query(({ ctx, input }) => orderForViewer(ctx.db, input.orderId, ctx.user)),

  /** The owner while the order is cancellable, or an admin. */
  cancel: authedProcedure.input(z.object({ orderId })).mutation(async ({ ctx, input }) => {
    const order = await orderForViewer(ctx.db, input.orderId, ctx.user);
    if (!isCancellable(order.status)) {
      throw new TRPCError({
        code: "PRECONDITION_FAILED",
        message: `An order that is ${order.status} can no longer be cancelled`,
      });
    }
    return changeOrderStatus(ctx.db, input.orderId, "CANCELLED", ctx.user);
  }),

  updateStatus: adminProcedure
    .input(z.object({ orderId, status: z.enum(ORDER_STATUSES) }))
    .mutation(({ ctx, input }) => changeOrderStatus(ctx.db, input.orderId, input.status, ctx.user)),

  list: adminProcedure
    .input(
      z.object({
        ...page,
        status: z.enum(ORDER_STATUSES).optional(),
        limit: z.number().int().min(1).max(100).default(25),
      }),
    )
    .query(async ({ ctx, input }) => {
      const where = input.status ? { status: input.status } : {};
      const [rows, total] = await Promise.all([
        ctx.db.order.findMany({
          where,
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          take: input.limit + 1,
          ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
          select: { ...orderSummarySelect, userEmail: true },
        }),
        ctx.db.order.count({ where }),
      ]);
      const items = rows.slice(0, input.limit).map(({ _count, ...o }) => ({ ...o, itemCount: _count.items }));
      return { items, total, nextCursor: rows.length > input.limit ? (items.at(-1)?.id ?? null) : null };
    }),
});
