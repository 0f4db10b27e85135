import { toUpstreamError } from "@shop/service-kit/errors";
import type { Logger } from "@shop/service-kit/log";
import { TRPCError } from "@trpc/server";
import type { ProductClient } from "../clients/product-client.ts";
import type { UserClient } from "../clients/user-client.ts";
import type { Db } from "../db.ts";
import { abandonCheckout } from "./abandon-checkout.ts";
import { orderIdFor, requestFingerprint } from "./checkout-identity.ts";
import { CheckoutBusy, checkoutLockKeys, inCheckoutTransaction } from "./checkout-locks.ts";
import { type OrderLine, sameLines, sumLines } from "./order-lines.ts";
import { ordersPlaced } from "./order-metrics.ts";
import { orderForViewer } from "./order-queries.ts";
import { recordOrderCreated } from "./outbox-events.ts";
import { verifiedBuyerEmail } from "./verified-buyer.ts";

export interface PlaceOrderDeps {
  db: Db;
  products: ProductClient;
  users: UserClient;
  log: Logger;
  /** A shopper may hold this many PENDING orders at once. */
  maxPendingOrders: number;
}
export interface Shopper {
  id: string;
  role: string;
}
export interface PlaceOrderInput {
  idempotencyKey: string;
  /** Explicit lines; without them the shopper's server-side cart is ordered (and emptied). */
  items?: OrderLine[] | undefined;
}

const keyReused = () =>
  new TRPCError({ code: "CONFLICT", message: "This idempotency key was already used for a different order" });
const checkoutExpired = () =>
  new TRPCError({
    code: "PRECONDITION_FAILED",
    message: "This checkout expired. Please review your cart and try again.",
  });
const tooManyPending = (max: number) =>
  new TRPCError({
    code: "PRECONDITION_FAILED",
    message: `You already have ${max} orders waiting for confirmation. Cancel one you no longer need, or wait until one is confirmed, before placing another.`,
  });

/**
 * Checkout: reserve stock in product-svc, then write the order, its lines (snapshots from the
 * reservation), its first history row and the order.created outbox event in ONE transaction.
 *
 * Idempotent per (user, idempotencyKey), whichever way the request came (cart or explicit lines) and
 * even while the first attempt is still running: every attempt uses the same order id, so they share
 * one reservation, exactly one writes the order and the others return it. A failure after reserving
 * abandons the checkout (abandon-checkout.ts), which gives the stock back unless a duplicate already
 * wrote the order — then that order is the answer.
 */
export async function placeOrder(deps: PlaceOrderDeps, shopper: Shopper, input: PlaceOrderInput) {
  const { db } = deps;
  const orderId = orderIdFor(shopper.id, input.idempotencyKey);
  const fingerprint = requestFingerprint(input.items);
  const fromCart = input.items === undefined;

  // The cart is read before looking for the order: a retry racing with a first attempt that commits
  // in between then sees the order, not just the cart that attempt emptied.
  const lines = input.items
    ? sumLines(input.items)
    : await db.cartItem.findMany({
        where: { userId: shopper.id },
        select: { productId: true, quantity: true },
      });
  const placed = await db.order.findUnique({ where: { id: orderId }, select: { requestHash: true } });
  if (placed) return replay(deps, placed.requestHash, fingerprint, orderId, shopper);
  if (lines.length === 0) throw new TRPCError({ code: "BAD_REQUEST", message: "Your cart is empty" });
  // Refused before any stock is held; counted again, exactly, when the order is written.
  const pending = await db.order.count({ where: { userId: shopper.id, status: "PENDING" } });
  if (pending >= deps.maxPendingOrders) throw tooManyPending(deps.maxPendingOrders);
  const userEmail = await verifiedBuyerEmail(deps.users, shopper.id);

  const reservation = await deps.products.inventory.reserve
    .mutate({ orderId, items: lines })
    .catch((error: unknown) => {
      throw toUpstreamError(error);
    });
  if (reservation.status === "RELEASED") throw checkoutExpired();
  // The reservation belongs to this order id, which a request with other lines may have made first.
  if (!fromCart && !sameLines(reservation.items, lines)) throw keyReused();

  const currencies = new Set(reservation.items.map((r) => r.currency));
  const [currency] = currencies;
  const items = reservation.items.map((r) => ({
    productId: r.productId,
    name: r.name,
    unitPriceCents: r.unitPriceCents,
    quantity: r.quantity,
    lineTotalCents: r.unitPriceCents * r.quantity,
  }));

  let written: boolean;
  try {
    // product-svc reserves in the store currency only; an order never sums two currencies regardless.
    if (currencies.size !== 1 || currency === undefined) {
      throw new TRPCError({
        code: "CONFLICT",
        message: `These items are priced in different currencies (${[...currencies].join(", ")}) and cannot be ordered together`,
      });
    }
    const locks = [checkoutLockKeys.order(orderId), checkoutLockKeys.shopper(shopper.id)];
    written = await inCheckoutTransaction(db, locks, async (tx) => {
      if (await tx.order.findUnique({ where: { id: orderId }, select: { id: true } })) return false;
      if (await tx.abandonedCheckout.findUnique({ where: { orderId } })) throw checkoutExpired();
      const open = await tx.order.count({ where: { userId: shopper.id, status: "PENDING" } });
      if (open >= deps.maxPendingOrders) throw tooManyPending(deps.maxPendingOrders);
      const order = await tx.order.create({
        data: {
          id: orderId,
          userId: shopper.id,
          userEmail,
          idempotencyKey: input.idempotencyKey,
          requestHash: fingerprint,
          subtotalCents: items.reduce((sum, i) => sum + i.lineTotalCents, 0),
          currency,
          items: { create: items },
          history: { create: { toStatus: "PENDING", changedBy: shopper.id, changedByRole: shopper.role } },
        },
        select: {
          id: true,
          userId: true,
          userEmail: true,
          status: true,
          currency: true,
          subtotalCents: true,
          createdAt: true,
        },
      });
      await recordOrderCreated(tx, { ...order, items });
      if (fromCart) await tx.cartItem.deleteMany({ where: { userId: shopper.id } });
      return true;
    });
  } catch (error) {
    const reason = error instanceof TRPCError ? error.message : "the order could not be written";
    if (!(error instanceof TRPCError)) deps.log.error({ orderId, err: error }, "order transaction failed");
    const abandoned = await abandonCheckout(deps, orderId, reason).catch((abandonError: unknown) => {
      // The stray-reservation sweep is the last line of defence: it releases reservations without an order.
      deps.log.error({ orderId, err: abandonError }, "could not abandon the checkout; the stray sweep will");
      return "abandoned" as const;
    });
    if (abandoned === "order exists") written = false;
    else if (error instanceof CheckoutBusy) {
      throw new TRPCError({
        code: "TOO_MANY_REQUESTS",
        message: "Several of your checkouts are being placed at once. Please try again in a moment.",
      });
    } else throw error;
  }
  if (!written) {
    // A duplicate of this checkout wrote the order first: it is the answer, if it is the same request.
    const winner = await db.order.findUniqueOrThrow({
      where: { id: orderId },
      select: { requestHash: true },
    });
    return replay(deps, winner.requestHash, fingerprint, orderId, shopper);
  }
  ordersPlaced.inc();

  // The reservation now belongs to a real order; if this call is lost, the stray sweep does it later.
  deps.products.inventory.markPlaced.mutate({ orderId }).catch((error: unknown) => {
    deps.log.warn({ orderId, err: error }, "could not mark the reservation as placed; the sweep will");
  });
  return orderForViewer(db, orderId, shopper);
}

function replay(
  deps: PlaceOrderDeps,
  stored: string,
  fingerprint: string,
  orderId: string,
  shopper: Shopper,
) {
  if (stored !== fingerprint) throw keyReused();
  return orderForViewer(deps.db, orderId, shopper);
}
