import { backoffDelayMs } from "@shop/service-kit/client";
import type { Db } from "../db.ts";
import { Prisma } from "../generated/prisma/client.ts";

/**
 * The order-database steps of checkout run in short transactions that hold advisory locks:
 *
 * - one order id at a time: writing an order and abandoning its checkout (which releases the
 *   reservation) exclude each other, so an order is never written on stock that is being given back,
 *   and of several duplicates of one checkout exactly one writes the order;
 * - one shopper at a time while an order is written, so the cap on PENDING orders is counted exactly.
 *
 * Locks are taken in that order (order, then shopper) and never the other way round, so they cannot
 * deadlock. A transaction waits at most LOCK_WAIT for them; then it ends (its connection goes back to
 * the pool) and the step is tried again after a short pause, for up to BUSY_BUDGET_MS. No transaction
 * is ever held open for long waiting on another shopper's checkout.
 */
type Tx = Prisma.TransactionClient;

const LOCK_WAIT = "200ms";
const BUSY_BUDGET_MS = 4_000;

/** The lock names (tests hold them to stop a checkout at a known point). */
export const checkoutLockKeys = {
  shopper: (userId: string) => `checkout-shopper:${userId}`,
  order: (orderId: string) => `checkout-order:${orderId}`,
};

/** The locks stayed taken for the whole budget: another checkout of this order or shopper is running. */
export class CheckoutBusy extends Error {
  override readonly name = "CheckoutBusy";
  constructor() {
    super("Another checkout of this shopper is being written right now");
  }
}

function isLockTimeout(error: unknown): boolean {
  // 55P03 lock_not_available: lock_timeout expired while waiting.
  return error instanceof Prisma.PrismaClientKnownRequestError && /\b55P03\b/.test(error.message);
}

/** Runs `body` in one transaction that holds the given checkout locks (see above). */
export async function inCheckoutTransaction<T>(
  db: Db,
  keys: readonly string[],
  body: (tx: Tx) => Promise<T>,
): Promise<T> {
  const deadline = Date.now() + BUSY_BUDGET_MS;
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.$transaction(async (tx) => {
        await tx.$executeRaw`SELECT set_config('lock_timeout', ${LOCK_WAIT}, true)`;
        for (const key of keys)
          await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`;
        // The body's own statements wait as usual.
        await tx.$executeRaw`SELECT set_config('lock_timeout', '0', true)`;
        return body(tx);
      });
    } catch (error) {
      if (!isLockTimeout(error)) throw error;
      if (Date.now() > deadline) throw new CheckoutBusy();
      await new Promise((resolve) => setTimeout(resolve, backoffDelayMs(attempt, 20, 250)));
    }
  }
}
