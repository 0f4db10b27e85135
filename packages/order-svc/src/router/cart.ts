import { toUpstreamError } from "@shop/service-kit/errors";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import {
  cartLines,
  clearCart,
  MAX_CART_LINES,
  MAX_LINE_QUANTITY,
  removeLine,
  setLine,
} from "../cart/cart-store.ts";
import { authedProcedure, router } from "../trpc.ts";

const productId = z.uuid({ error: "Unknown product" });

export const cartRouter = router({
  /** The caller's cart with current names, prices and stock from product-svc; totals in cents. */
  get: authedProcedure.query(async ({ ctx }) => {
    const lines = await cartLines(ctx.db, ctx.user.id);
    const products =
      lines.length === 0
        ? []
        : await ctx.products.products.byIds
            .query({ ids: lines.map((l) => l.productId) })
            .catch((error: unknown) => {
              throw toUpstreamError(error);
            });
    const byId = new Map(products.map((p) => [p.id, p]));
    const items = lines.flatMap((line) => {
      const product = byId.get(line.productId);
      if (!product) return [];
      return [
        {
          productId: line.productId,
          quantity: line.quantity,
          slug: product.slug,
          name: product.name,
          imageUrl: product.imageUrl,
          unitPriceCents: product.priceCents,
          currency: product.currency,
          lineTotalCents: product.priceCents * line.quantity,
          available: product.archivedAt === null ? product.stock : 0,
        },
      ];
    });
    return {
      items,
      itemCount: items.reduce((n, i) => n + i.quantity, 0),
      subtotalCents: items.reduce((sum, i) => sum + i.lineTotalCents, 0),
    };
  }),

  setItem: authedProcedure
    .input(
      z.object({
        productId,
        quantity: z
          .number()
          .int()
          .min(1, "Quantity must be at least 1")
          .max(MAX_LINE_QUANTITY, `At most ${MAX_LINE_QUANTITY} per product`),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const product = await ctx.products.products.byId
        .query({ id: input.productId })
        .catch((error: unknown) => {
          throw toUpstreamError(error);
        });
      if (product.archivedAt)
        throw new TRPCError({ code: "NOT_FOUND", message: "This product is no longer sold" });
      const lines = await cartLines(ctx.db, ctx.user.id);
      if (lines.length >= MAX_CART_LINES && !lines.some((l) => l.productId === input.productId)) {
        throw new TRPCError({
          code: "BAD_REQUEST",
          message: `A cart holds at most ${MAX_CART_LINES} products`,
        });
      }
      await setLine(ctx.db, ctx.user.id, input.productId, input.quantity);
      return { productId: input.productId, quantity: input.quantity };
    }),

  removeItem: authedProcedure.input(z.object({ productId })).mutation(async ({ ctx, input }) => {
    await removeLine(ctx.db, ctx.user.id, input.productId);
    return { productId: input.productId };
  }),

  clear: authedProcedure.mutation(async ({ ctx }) => {
    await clearCart(ctx.db, ctx.user.id);
    return { cleared: true };
  }),
});
