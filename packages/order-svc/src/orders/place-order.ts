import { toUpstreamError } from "@shop/service-kit/errors";
import type { Logger } from "@shop/service-kit/log";
import { TRPCError } from "@trpc/server";
import type { ProductClient } from "../clients/product-client.ts";
import type { UserClient } from "../clients/user-client.ts";
import type { Db } from "../db.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { orderIdFor, requestHash } from "./checkout-identity.ts";
import { orderForViewer } from "./order-queries.ts";
import { recordOrderCreated } from "./outbox-events.ts";
import { verifiedBuyerEmail } from "./verified-buyer.ts";

export interface PlaceOrderDeps {
  db: Db;
  products: ProductClient;
  users: UserClient;
  log: Logger;
}
export interface Shopper {
  id: string;
  role: string;
}
export interface PlaceOrderInput {
  idempotencyKey: string;
  /** Explicit lines; without them the shopper's server-side cart is ordered (and emptied). */
  items?: { productId: string; quantity: number }[] | undefined;
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/**
 * Checkout: reserve stock in product-svc, then write the order, its lines (snapshots from the
 * reservation), its first history row and the order.created outbox event in ONE transaction.
 * Idempotent per (user, idempotencyKey); if the transaction fails the reservation is released, and if
 * even that fails the release is queued so the stock is never lost.
 */
export async function placeOrder(deps: PlaceOrderDeps, shopper: Shopper, input: PlaceOrderInput) {
  const { db } = deps;
  const orderId = orderIdFor(shopper.id, input.idempotencyKey);
  const fromCart = input.items === undefined;
  const lines = fromCart
    ? await db.cartItem.findMany({
        where: { userId: shopper.id },
        select: { productId: true, quantity: true },
      })
    : (input.items ?? []);
  const hash = requestHash(lines);

  const existing = await db.order.findUnique({ where: { id: orderId }, select: { requestHash: true } });
  if (existing) return replay(deps, existing.requestHash, hash, orderId, shopper);
  if (lines.length === 0) throw new TRPCError({ code: "BAD_REQUEST", message: "Your cart is empty" });
  const userEmail = await verifiedBuyerEmail(deps.users, shopper.id);

  const reservation = await deps.products.inventory.reserve
    .mutate({ orderId, items: lines })
    .catch((error: unknown) => {
      throw toUpstreamError(error);
    });
  if (reservation.status === "RELEASED") {
    throw new TRPCError({
      code: "PRECONDITION_FAILED",
      message: "This checkout expired. Please review your cart and try again.",
    });
  }

  const items = reservation.items.map((r) => ({
    productId: r.productId,
    name: r.name,
    unitPriceCents: r.unitPriceCents,
    quantity: r.quantity,
    lineTotalCents: r.unitPriceCents * r.quantity,
  }));
  const currency = reservation.items[0]?.currency ?? "USD";
  const subtotalCents = items.reduce((sum, i) => sum + i.lineTotalCents, 0);

  try {
    await db.$transaction(async (tx) => {
      const order = await tx.order.create({
        data: {
          id: orderId,
          userId: shopper.id,
          userEmail,
          idempotencyKey: input.idempotencyKey,
          requestHash: hash,
          subtotalCents,
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
    });
  } catch (error) {
    // A concurrent duplicate of this checkout committed first: it owns the reservation, return its order.
    if (isUniqueViolation(error)) {
      const winner = await db.order.findUnique({ where: { id: orderId }, select: { requestHash: true } });
      if (winner) return replay(deps, winner.requestHash, hash, orderId, shopper);
    }
    await giveBackStock(deps, orderId, error);
    throw error;
  }

  // Tells product-svc the reservation now belongs to a real order; if this fails, the stray sweep
  // finds the order and commits it later.
  deps.products.inventory.commit.mutate({ orderId }).catch((error: unknown) => {
    deps.log.warn({ orderId, err: error }, "could not mark reservation committed; the sweep will");
  });
  return orderForViewer(db, orderId, shopper);
}

async function replay(
  deps: PlaceOrderDeps,
  storedHash: string,
  hash: string,
  orderId: string,
  shopper: Shopper,
) {
  if (storedHash !== hash) {
    throw new TRPCError({
      code: "CONFLICT",
      message: "This idempotency key was already used for a different order",
    });
  }
  return orderForViewer(deps.db, orderId, shopper);
}

async function giveBackStock(deps: PlaceOrderDeps, orderId: string, cause: unknown): Promise<void> {
  deps.log.error({ orderId, err: cause }, "order transaction failed after reserving stock; releasing it");
  try {
    await deps.products.inventory.release.mutate({ orderId });
  } catch (releaseError) {
    deps.log.warn({ orderId, err: releaseError }, "release failed; queued for the release worker");
    await deps.db.pendingInventoryRelease
      .upsert({ where: { orderId }, create: { orderId, reason: "checkout failed" }, update: {} })
      .catch((queueError: unknown) => {
        // The stray-reservation sweep is the last line of defence: it releases reservations without an order.
        deps.log.error(
          { orderId, err: queueError },
          "could not queue the release; the stray sweep will release it",
        );
      });
  }
}
