import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { type Addition, capAddition } from "../cart/cart-caps.ts";
import { priceLines } from "../cart/cart-pricing.ts";
import {
  addLine,
  CartFull,
  cartLines,
  clearCart,
  MAX_CART_LINES,
  mergeLines,
  removeLine,
  setLine,
} from "../cart/cart-store.ts";
import type { ProductClient } from "../clients/product-client.ts";
import { MAX_UNITS_PER_PRODUCT, sumLines } from "../orders/order-lines.ts";
import { authedProcedure, publicProcedure, router } from "../trpc.ts";

const productId = z.uuid({ error: "Unknown product" });
const quantity = z
  .number()
  .int()
  .min(1, "Quantity must be at least 1")
  .max(MAX_UNITS_PER_PRODUCT, `At most ${MAX_UNITS_PER_PRODUCT} per product`);
const incomingLine = z.object({ productId, quantity });
const guestLines = z.array(incomingLine).max(MAX_CART_LINES);
/** Chosen by the browser once per guest cart it merges, and sent again on every retry of that merge. */
const mergeId = z.uuid({ error: "Unknown cart merge" });

/** Sums duplicate lines and caps each at one order's worth. */
const cappedLines = (items: readonly { productId: string; quantity: number }[]) =>
  sumLines(items).map((l) => ({ ...l, quantity: Math.min(MAX_UNITS_PER_PRODUCT, l.quantity) }));

/** A product that can be put in a cart now, with how many can be bought; NOT_FOUND otherwise. */
async function sellableProduct(products: ProductClient, id: string) {
  const [priced] = (await priceLines(products, [{ productId: id, quantity: 1 }])).items;
  if (!priced) throw new TRPCError({ code: "NOT_FOUND", message: "No such product" });
  if (!priced.sellable) throw new TRPCError({ code: "NOT_FOUND", message: "This product is no longer sold" });
  return priced;
}

/** Nothing could be added: a refusal with the reason; otherwise the addition (possibly capped). */
function addedOrRefused(addition: Addition): Addition {
  if (addition.added === 0) throw new TRPCError({ code: "CONFLICT", message: addition.message ?? "" });
  return addition;
}

const cartFullError = (error: unknown): never => {
  if (error instanceof CartFull) throw new TRPCError({ code: "BAD_REQUEST", message: error.message });
  throw error;
};

export const cartRouter = router({
  /** The caller's cart with current names, prices and availability; totals in cents of `currency`. */
  get: authedProcedure.query(async ({ ctx }) =>
    priceLines(ctx.products, await cartLines(ctx.db, ctx.user.id)),
  ),

  /** Prices lines that are not (yet) in a server cart, e.g. a guest's cart kept in the browser. */
  quote: publicProcedure
    .input(z.object({ items: guestLines }))
    .query(({ ctx, input }) => priceLines(ctx.products, cappedLines(input.items))),

  /**
   * Adds to the cart, capped at what is available minus what the cart already holds (and at one
   * order's worth). A capped addition says why in `message`; when nothing can be added: CONFLICT.
   */
  add: authedProcedure.input(incomingLine).mutation(async ({ ctx, input }) => {
    const product = await sellableProduct(ctx.products, input.productId);
    const addition = await addLine(
      ctx.db,
      ctx.user.id,
      input.productId,
      input.quantity,
      product.available,
    ).catch(cartFullError);
    return { productId: input.productId, ...addedOrRefused(addition) };
  }),

  /**
   * `add` for a cart kept elsewhere (a guest's, in the browser): the same caps and messages, applied to
   * the lines sent; returns the lines to keep.
   */
  quoteAdd: publicProcedure
    .input(z.object({ items: guestLines, productId, quantity }))
    .mutation(async ({ ctx, input }) => {
      const product = await sellableProduct(ctx.products, input.productId);
      const lines = cappedLines(input.items);
      const inCart = lines.find((l) => l.productId === input.productId)?.quantity ?? 0;
      if (inCart === 0 && lines.length >= MAX_CART_LINES) cartFullError(new CartFull());
      const addition = addedOrRefused(
        capAddition({ requested: input.quantity, inCart, available: product.available }),
      );
      const items =
        inCart === 0
          ? [...lines, { productId: input.productId, quantity: addition.inCart }]
          : lines.map((l) => (l.productId === input.productId ? { ...l, quantity: addition.inCart } : l));
      return { productId: input.productId, ...addition, items };
    }),

  /**
   * Merges a guest cart into the account's cart at sign-in, atomically: quantities are summed and
   * capped at what is available and at the line limit; products that no longer exist or are archived
   * are skipped and reported. A retry with the same merge id returns the cart and adds nothing again.
   */
  merge: authedProcedure.input(z.object({ mergeId, items: guestLines })).mutation(async ({ ctx, input }) => {
    const lines = cappedLines(input.items);
    const priced = await priceLines(ctx.products, lines);
    const sellable = new Map(priced.items.filter((i) => i.sellable).map((i) => [i.productId, i.available]));
    const { alreadyMerged, overLimit, limited } = await mergeLines(
      ctx.db,
      ctx.user.id,
      input.mergeId,
      lines.flatMap((l) => {
        const available = sellable.get(l.productId);
        return available === undefined ? [] : [{ ...l, available }];
      }),
    );
    const cart = await priceLines(ctx.products, await cartLines(ctx.db, ctx.user.id));
    if (alreadyMerged) return { cart, alreadyMerged, skipped: [] };
    return {
      cart,
      alreadyMerged,
      skipped: [
        ...lines
          .filter((l) => !sellable.has(l.productId))
          .map((l) => ({ productId: l.productId, reason: "no longer sold" as const })),
        ...overLimit.map((id) => ({ productId: id, reason: "cart is full" as const })),
        ...limited.map((id) => ({ productId: id, reason: "limited to what is available" as const })),
      ],
    };
  }),

  /**
   * Sets a line's quantity. Raising it above what is available is refused; lowering is always allowed
   * (a line left above availability by other shoppers' orders can be brought down step by step).
   */
  setItem: authedProcedure.input(incomingLine).mutation(async ({ ctx, input }) => {
    const product = await sellableProduct(ctx.products, input.productId);
    const lines = await cartLines(ctx.db, ctx.user.id);
    const current = lines.find((l) => l.productId === input.productId)?.quantity;
    if (current === undefined && lines.length >= MAX_CART_LINES) cartFullError(new CartFull());
    if (input.quantity > (current ?? 0) && input.quantity > product.available) {
      throw new TRPCError({
        code: "CONFLICT",
        message:
          product.available === 0
            ? "Sorry, this product is sold out."
            : `Only ${product.available} available.`,
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
