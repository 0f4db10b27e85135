import { DetailedError } from "@shop/service-kit/errors";
import { TRPCError } from "@trpc/server";
import type { Db } from "../db.ts";
import { Prisma, type ReservationStatus } from "../generated/prisma/client.ts";
import { describeShortages, mergeLines, type ReservationItem, type Shortage } from "./reservation-lines.ts";

/** Reservations and the two stock counters they move; the model is described in ./README.md. */

export interface ReservedLine {
  productId: string;
  quantity: number;
  name: string;
  unitPriceCents: number;
  currency: string;
}
export interface Reservation {
  orderId: string;
  status: ReservationStatus;
  items: ReservedLine[];
}

class OutOfStock extends Error {
  constructor(readonly shortages: Shortage[]) {
    super(describeShortages(shortages));
  }
}

class NotInStoreCurrency extends Error {}

async function readReservation(db: Db, orderId: string): Promise<Reservation | null> {
  const row = await db.stockReservation.findUnique({
    where: { orderId },
    select: {
      status: true,
      items: {
        select: { productId: true, quantity: true, name: true, unitPriceCents: true, currency: true },
      },
    },
  });
  return row
    ? { orderId, status: row.status, items: row.items.map((i) => ({ ...i, currency: i.currency.trim() })) }
    : null;
}

/**
 * Holds stock for an order, all or nothing, in one transaction of conditional increments of
 * `reserved` (`on_hand - reserved >= qty`), so what can be bought never goes below zero however many
 * orders race. Idempotent per order id: a replay returns the first reservation, and a concurrent
 * duplicate blocks on the header row's primary key until the first commits, then returns it.
 */
export async function reserveStock(
  db: Db,
  storeCurrency: string,
  orderId: string,
  items: readonly ReservationItem[],
): Promise<Reservation> {
  const existing = await readReservation(db, orderId);
  if (existing) return existing;
  const lines = mergeLines(items);
  try {
    return await db.$transaction(async (tx) => {
      await tx.stockReservation.create({ data: { orderId } });
      const reserved: ReservedLine[] = [];
      const short: ReservationItem[] = [];
      for (const line of lines) {
        const rows = await tx.$queryRaw<{ name: string; price_cents: number; currency: string }[]>`
          UPDATE products SET reserved = reserved + ${line.quantity}, updated_at = now()
          WHERE id = ${line.productId}::uuid AND archived_at IS NULL
            AND on_hand - reserved >= ${line.quantity}
          RETURNING name, price_cents, currency`;
        const row = rows[0];
        if (!row) {
          short.push(line);
          continue;
        }
        // Products on sale are always in the store currency; an order is never summed across two.
        if (row.currency.trim() !== storeCurrency) {
          throw new NotInStoreCurrency(`${row.name} is not priced in ${storeCurrency}, the store's currency`);
        }
        reserved.push({ ...line, name: row.name, unitPriceCents: row.price_cents, currency: storeCurrency });
      }
      if (short.length > 0) throw new OutOfStock(await shortagesOf(tx, short));
      await tx.stockReservationItem.createMany({ data: reserved.map((r) => ({ ...r, orderId })) });
      return { orderId, status: "AWAITING_ORDER" as const, items: reserved };
    });
  } catch (error) {
    if (error instanceof OutOfStock) {
      throw new TRPCError({
        code: "CONFLICT",
        message: error.message,
        cause: new DetailedError(error.message, { outOfStock: error.shortages }),
      });
    }
    if (error instanceof NotInStoreCurrency) {
      throw new TRPCError({ code: "CONFLICT", message: error.message });
    }
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const winner = await readReservation(db, orderId);
      if (winner) return winner;
    }
    throw error;
  }
}

async function shortagesOf(tx: Prisma.TransactionClient, short: ReservationItem[]): Promise<Shortage[]> {
  const current = await tx.product.findMany({
    where: { id: { in: short.map((l) => l.productId) } },
    select: { id: true, name: true, onHand: true, reserved: true, archivedAt: true },
  });
  const byId = new Map(current.map((p) => [p.id, p]));
  return short.map((l) => {
    const p = byId.get(l.productId);
    return {
      productId: l.productId,
      name: p?.name ?? null,
      requested: l.quantity,
      available: p && !p.archivedAt ? p.onHand - p.reserved : 0,
    };
  });
}

/**
 * Ends a reservation that still holds stock, exactly once: RELEASED gives its units back (reserved
 * drops), SHIPPED commits them (on_hand and reserved both drop). Calls on a reservation that already
 * ended, or on an unknown order, change nothing and report the state found.
 */
async function settle(
  db: Db,
  orderId: string,
  to: "RELEASED" | "SHIPPED",
): Promise<{ changed: boolean; status: ReservationStatus | null }> {
  return db.$transaction(async (tx) => {
    // Conditional on the state: of two concurrent calls, the second waits for the first's row lock,
    // re-reads the row, finds it ended and changes nothing.
    const flipped = await tx.$executeRaw`
      UPDATE stock_reservations SET status = ${to}::"ReservationStatus", updated_at = now()
      WHERE order_id = ${orderId}::uuid AND status IN ('AWAITING_ORDER', 'ORDER_PLACED')`;
    if (flipped === 0) {
      const found = await tx.stockReservation.findUnique({ where: { orderId }, select: { status: true } });
      return { changed: false, status: found?.status ?? null };
    }
    const items = await tx.stockReservationItem.findMany({
      where: { orderId },
      orderBy: { productId: "asc" }, // the same lock order as reserveStock: no deadlocks
    });
    for (const { productId, quantity } of items) {
      if (to === "SHIPPED") {
        await tx.$executeRaw`
          UPDATE products SET on_hand = on_hand - ${quantity}, reserved = reserved - ${quantity}, updated_at = now()
          WHERE id = ${productId}::uuid`;
      } else {
        await tx.$executeRaw`
          UPDATE products SET reserved = reserved - ${quantity}, updated_at = now() WHERE id = ${productId}::uuid`;
      }
    }
    return { changed: true, status: to };
  });
}

/** Cancelled order or failed checkout: the held units become available again. */
export async function releaseStock(db: Db, orderId: string) {
  const { changed, status } = await settle(db, orderId, "RELEASED");
  return { released: changed, status };
}

/** The order shipped: its units leave the shelf count. A released reservation cannot ship. */
export async function shipStock(db: Db, orderId: string) {
  const { changed, status } = await settle(db, orderId, "SHIPPED");
  return { shipped: changed, status };
}

/** The order was written: the stray-reservation sweep must leave this reservation alone. */
export async function markOrderPlaced(db: Db, orderId: string): Promise<ReservationStatus | null> {
  await db.$executeRaw`
    UPDATE stock_reservations SET status = 'ORDER_PLACED', updated_at = now()
    WHERE order_id = ${orderId}::uuid AND status = 'AWAITING_ORDER'`;
  return (
    (await db.stockReservation.findUnique({ where: { orderId }, select: { status: true } }))?.status ?? null
  );
}

/** Reservations still AWAITING_ORDER after `olderThanSeconds`: candidates for the stray sweep. */
export async function staleReservations(db: Db, olderThanSeconds: number, limit: number): Promise<string[]> {
  const rows = await db.stockReservation.findMany({
    where: { status: "AWAITING_ORDER", createdAt: { lt: new Date(Date.now() - olderThanSeconds * 1000) } },
    orderBy: { createdAt: "asc" },
    take: limit,
    select: { orderId: true },
  });
  return rows.map((r) => r.orderId);
}
