import { z } from "zod";
import { reservationItemsSchema } from "../inventory/reservation-lines.ts";
import {
  markOrderPlaced,
  releaseStock,
  reserveStock,
  shipStock,
  staleReservations,
} from "../inventory/reservation-store.ts";
import { router, serviceProcedure } from "../trpc.ts";

const orderId = z.uuid();

/**
 * Called by order-svc only. Every procedure is idempotent per order id, so retries are safe.
 * States and counters: ../inventory/README.md.
 */
export const inventoryRouter = router({
  /** Holds stock for a checkout (→ AWAITING_ORDER): `reserved` rises, what can be bought drops. */
  reserve: serviceProcedure
    .input(z.object({ orderId, items: reservationItemsSchema }))
    .mutation(({ ctx, input }) => reserveStock(ctx.db, ctx.storeCurrency, input.orderId, input.items)),

  /** The order was written (→ ORDER_PLACED): the stray-reservation sweep leaves it alone. */
  markPlaced: serviceProcedure
    .input(z.object({ orderId }))
    .mutation(async ({ ctx, input }) => ({ status: await markOrderPlaced(ctx.db, input.orderId) })),

  /** Cancelled order or failed checkout (→ RELEASED): the units are available again. */
  release: serviceProcedure
    .input(z.object({ orderId }))
    .mutation(({ ctx, input }) => releaseStock(ctx.db, input.orderId)),

  /** The order shipped (→ SHIPPED): its units leave on hand and reserved. */
  ship: serviceProcedure
    .input(z.object({ orderId }))
    .mutation(({ ctx, input }) => shipStock(ctx.db, input.orderId)),

  /** Reservations still AWAITING_ORDER after `olderThanSeconds`: candidates for the stray sweep. */
  stale: serviceProcedure
    .input(
      z.object({
        olderThanSeconds: z.number().int().min(1),
        limit: z.number().int().min(1).max(500).default(100),
      }),
    )
    .query(async ({ ctx, input }) => ({
      orderIds: await staleReservations(ctx.db, input.olderThanSeconds, input.limit),
    })),
});
