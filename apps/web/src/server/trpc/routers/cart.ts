import "server-only";
import type { RouterInputs } from "@shop/order-svc/router";
import { fieldErrorsOf } from "@shop/service-kit/errors";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { fromService, publicProcedure, router, signedInProcedure } from "../init.ts";
import { priceGuestCart } from "./guest-cart-pricing.ts";

type CartInputs = RouterInputs["cart"];

/** order-svc's per-line limit; a merged line is capped here rather than refused. */
const MAX_LINE_QUANTITY = 99;

/**
 * The guest cart kept in the browser's localStorage, sent once after sign-in. Validated here (unlike
 * the relayed procedures) because the BFF itself acts on it: it is untrusted input that drives a
 * loop of service calls, so its size is bounded.
 */
const guestCartInput = z.object({
  items: z
    .array(
      z.object({
        productId: z.string().min(1).max(64),
        quantity: z.number().int().min(1).max(MAX_LINE_QUANTITY),
      }),
    )
    .max(50),
});

/** Codes meaning "this one line cannot go into the cart" (archived/unknown product, full cart). */
const SKIPPABLE = new Set(["NOT_FOUND", "BAD_REQUEST"]);

/**
 * The signed-in shopper's server-side cart, relayed to order-svc. Inputs are typed from the service's
 * router but validated there, so the two cannot drift apart.
 */
export const cartRouter = router({
  get: signedInProcedure.query(({ ctx }) => fromService(ctx.services.order.cart.get.query())),

  setItem: signedInProcedure
    .input((raw) => raw as CartInputs["setItem"])
    .mutation(({ ctx, input }) => fromService(ctx.services.order.cart.setItem.mutate(input))),

  removeItem: signedInProcedure
    .input((raw) => raw as CartInputs["removeItem"])
    .mutation(({ ctx, input }) => fromService(ctx.services.order.cart.removeItem.mutate(input))),

  clear: signedInProcedure.mutation(({ ctx }) => fromService(ctx.services.order.cart.clear.mutate())),

  /** A guest's cart priced like cart.get (same shape), so the cart page shows current prices and stock. */
  preview: publicProcedure
    .input(guestCartInput)
    .query(({ ctx, input }) => priceGuestCart(ctx.services, input.items)),

  /**
   * Adds a guest cart to the account's cart: quantities are summed with what is already there and
   * capped at 99; lines for products that no longer exist or are no longer sold are skipped (and
   * reported) instead of failing the whole merge. If a service fails part-way, the lines not yet
   * merged come back as `remaining` so the browser keeps exactly those for a later attempt (re-sending
   * merged ones would add them twice). Sequential on purpose: each setItem checks the cart's line
   * limit, which parallel calls could overshoot.
   */
  merge: signedInProcedure.input(guestCartInput).mutation(async ({ ctx, input }) => {
    const order = ctx.services.order;
    const current = await fromService(order.cart.get.query());
    const existing = new Map(current.items.map((item) => [item.productId, item.quantity]));
    const wanted = new Map<string, number>();
    for (const item of input.items) {
      wanted.set(item.productId, (wanted.get(item.productId) ?? 0) + item.quantity);
    }

    const skipped: { productId: string; reason: string }[] = [];
    const remaining: { productId: string; quantity: number }[] = [];
    let merged = 0;
    for (const [productId, quantity] of wanted) {
      if (remaining.length > 0) {
        remaining.push({ productId, quantity });
        continue;
      }
      const total = Math.min(MAX_LINE_QUANTITY, (existing.get(productId) ?? 0) + quantity);
      try {
        await fromService(order.cart.setItem.mutate({ productId, quantity: total }));
        merged += 1;
      } catch (error) {
        if (error instanceof TRPCError && SKIPPABLE.has(error.code)) {
          // A malformed id fails validation; its field message ("Unknown product") reads better.
          const fieldMessage = Object.values(fieldErrorsOf(error) ?? {})[0]?.[0];
          skipped.push({ productId, reason: fieldMessage ?? error.message });
        } else {
          ctx.log.warn({ err: error, productId }, "guest cart merge stopped by a failing call");
          remaining.push({ productId, quantity });
        }
      }
    }
    if (skipped.length > 0) ctx.log.info({ skipped }, "guest cart lines skipped at merge");
    return { merged, skipped, remaining };
  }),
});
