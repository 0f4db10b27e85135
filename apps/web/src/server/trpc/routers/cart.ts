import "server-only";
import type { RouterInputs } from "@shop/order-svc/router";
import { fromService, publicProcedure, router, signedInProcedure } from "../init.ts";

type CartInputs = RouterInputs["cart"];

/**
 * Carts, relayed to order-svc. Inputs are typed from the service's router but validated only there,
 * so the two cannot drift apart.
 */
export const cartRouter = router({
  /** The signed-in shopper's server-side cart with current prices and stock. */
  get: signedInProcedure.query(({ ctx }) => fromService(ctx.services.order.cart.get.query())),

  /** Prices a guest's cart (kept in the browser) exactly like `get`, so one cart page shows both. */
  quote: publicProcedure
    .input((raw) => raw as CartInputs["quote"])
    .query(({ ctx, input }) => fromService(ctx.services.order.cart.quote.query(input))),

  /** Moves a guest cart into the account's cart at sign-in (atomic in order-svc; skipped lines reported). */
  merge: signedInProcedure
    .input((raw) => raw as CartInputs["merge"])
    .mutation(({ ctx, input }) => fromService(ctx.services.order.cart.merge.mutate(input))),

  /** Adds to the cart, capped at what can be bought (the reason comes back in `message`). */
  add: signedInProcedure
    .input((raw) => raw as CartInputs["add"])
    .mutation(({ ctx, input }) => fromService(ctx.services.order.cart.add.mutate(input))),

  /** The same caps for a guest's cart kept in the browser: returns the lines to keep. */
  quoteAdd: publicProcedure
    .input((raw) => raw as CartInputs["quoteAdd"])
    .mutation(({ ctx, input }) => fromService(ctx.services.order.cart.quoteAdd.mutate(input))),

  setItem: signedInProcedure
    .input((raw) => raw as CartInputs["setItem"])
    .mutation(({ ctx, input }) => fromService(ctx.services.order.cart.setItem.mutate(input))),

  removeItem: signedInProcedure
    .input((raw) => raw as CartInputs["removeItem"])
    .mutation(({ ctx, input }) => fromService(ctx.services.order.cart.removeItem.mutate(input))),

  clear: signedInProcedure.mutation(({ ctx }) => fromService(ctx.services.order.cart.clear.mutate())),
});
