import { z } from "zod";
import { reservationItemSchema } from "../inventory/reservation-lines.ts";
import {
  commitReservation,
  releaseStock,
  reserveStock,
  staleReservations,
} from "../inventory/reservation-store.ts";
import { router, serviceProcedure } from "../trpc.ts";

const orderId = z.uuid();

/** Called by order-svc only. Every procedure is idempotent per order id, so retries are safe. */
export const inventoryRouter = router({
  reserve: serviceProcedure
    .input(
      z.object({
        orderId,
        items: z.array(reservationItemSchema).min(1, "An order needs at least one item").max(100),
      }),
    )
    .mutation(({ ctx, input }) => reserveStock(ctx.db, input.orderId, input.items)),

  release: serviceProcedure
    .input(z.object({ orderId }))
    .mutation(({ ctx, input }) => releaseStock(ctx.db, input.orderId)),

  commit: serviceProcedure
    .input(z.object({ orderId }))
    .mutation(async ({ ctx, input }) => ({ status: await commitReservation(ctx.db, input.orderId) })),

  /** Reservations still RESERVED after `olderThanSeconds`: candidates for the stray-reservation sweep. */
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
