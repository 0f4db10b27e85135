import { toUpstreamError } from "@shop/service-kit/errors";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { priceLines } from "../cart/cart-pricing.ts";
import {
  cartLines,
  clearCart,
  MAX_CART_LINES,
  MAX_LINE_QUANTITY,
  mergeLines,
  removeLine,
  setLine,
} from "../cart/cart-store.ts";
import { authedProcedure, publicProcedure, router } from "../trpc.ts";

const productId = z.uuid({ error: "Unknown product" });
const incomingLine = z.object({ productId, quantity: z.number().int().min(1).max(MAX_LINE_QUANTITY) });

/** Sums duplicate lines and caps each at the per-line maximum. */
function sumLines(items: readonly { productId: string; quantity: number }[]) {
  const totals = new Map<string, number>();
  for (const i of items)
    totals.set(i.productId, Math.min(MAX_LINE_QUANTITY, (totals.get(i.productId) ?? 0) + i.quantity));
  return [...totals].map(([id, quantity]) => ({ productId: id, quantity }));
}

export const cartRouter = router({
  /** The caller's cart with current names, prices and stock from product-svc; totals in cents. */
  get: authedProcedure.query(async ({ ctx }) =>
    priceLines(ctx.products, await cartLines(ctx.db, ctx.user.id)),
  ),

  /** Prices lines that are not (yet) in a server cart, e.g. a guest's cart kept in the browser. */
  quote: publicProcedure
    .input(z.object({ items: z.array(incomingLine).max(MAX_CART_LINES) }))
    .query(({ ctx, input }) => priceLines(ctx.products, sumLines(input.items))),

  /**
   * Merges a guest cart into the account's cart at sign-in, atomically: quantities are summed and
   * capped at the line limit; products that no longer exist or are archived are skipped and reported.
   */
  merge: authedProcedure
    .input(z.object({ items: z.array(incomingLine).max(MAX_CART_LINES) }))
    .mutation(async ({ ctx, input }) => {
      const lines = sumLines(input.items);
      const priced = await priceLines(ctx.products, lines);
      const sellable = new Set(priced.items.filter((i) => i.sellable).map((i) => i.productId));
      const { overLimit } = await mergeLines(
        ctx.db,
        ctx.user.id,
        lines.filter((l) => sellable.has(l.productId)),
      );
      return {
        cart: await priceLines(ctx.products, await cartLines(ctx.db, ctx.user.id)),
        skipped: [
          ...lines
            .filter((l) => !sellable.has(l.productId))
            .map((l) => ({ productId: l.productId, reason: "no longer sold" as const })),
          ...overLimit.map((id) => ({ productId: id, reason: "cart is full" as const })),
        ],
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
