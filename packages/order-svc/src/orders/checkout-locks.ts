import type { Prisma } from "../generated/prisma/client.ts";

/**
 * Transaction-scoped advisory locks for the order-database side of checkout. They never wait on a
 * network call: each is taken inside one short transaction and released at its end.
 *
 * - One shopper's order writes run one at a time, so the cap on PENDING orders is counted exactly.
 * - Writing an order and abandoning its checkout (which releases the reservation) exclude each other
 *   per order id, so an order is never written on stock that is being given back.
 *
 * A shopper's lock is always taken before an order's, so the two kinds cannot deadlock.
 */
type Tx = Prisma.TransactionClient;

async function lock(tx: Tx, key: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`;
}

/** The lock names (tests hold them to stop a checkout at a known point). */
export const checkoutLockKeys = {
  shopper: (userId: string) => `checkout-shopper:${userId}`,
  order: (orderId: string) => `checkout-order:${orderId}`,
};

export const lockShopperCheckouts = (tx: Tx, userId: string) => lock(tx, checkoutLockKeys.shopper(userId));

export const lockCheckout = (tx: Tx, orderId: string) => lock(tx, checkoutLockKeys.order(orderId));
