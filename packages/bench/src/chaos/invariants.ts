import pg from "pg";
import { sleep } from "../measure/open-loop.ts";
import type { StackTarget } from "../stack/target.ts";

export interface InvariantResult {
  name: string;
  pass: boolean;
  /** The numbers behind the verdict. */
  detail: string;
}

type Db = "product-svc" | "order-svc" | "notify-svc";

async function query<T extends pg.QueryResultRow>(
  target: StackTarget,
  db: Db,
  sql: string,
  params: unknown[] = [],
) {
  const client = new pg.Client({ connectionString: target.databaseUrls[db] });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

const count = async (target: StackTarget, db: Db, sql: string) =>
  Number((await query<{ n: string }>(target, db, sql))[0]?.n ?? 0);

/**
 * Waits until the system has caught up after the faults: every outbox row published, every event
 * recorded as a notification and its email SENT, no inventory update (release, shipment) pending. Returns false at the deadline.
 */
export async function waitForQuiescence(target: StackTarget, timeoutMs: number, log: (m: string) => void) {
  const deadline = Date.now() + timeoutMs;
  for (let round = 0; ; round++) {
    const unpublished = await count(
      target,
      "order-svc",
      "SELECT count(*) AS n FROM outbox WHERE published_at IS NULL",
    );
    const pendingUpdates = await count(
      target,
      "order-svc",
      "SELECT count(*) AS n FROM pending_inventory_updates",
    );
    const events = await count(target, "order-svc", "SELECT count(*) AS n FROM outbox");
    const notified = await count(
      target,
      "notify-svc",
      "SELECT count(*) AS n FROM notifications WHERE status = 'SENT'",
    );
    const settled = unpublished === 0 && pendingUpdates === 0 && notified >= events;
    if (settled || Date.now() > deadline) {
      log(
        `${settled ? "caught up" : "NOT caught up"}: ${events} events, ${unpublished} unpublished, ${notified} notifications SENT, ${pendingUpdates} inventory updates pending`,
      );
      return settled;
    }
    if (round % 10 === 0)
      log(
        `waiting: ${unpublished} unpublished, ${notified}/${events} notified, ${pendingUpdates} inventory updates pending`,
      );
    await sleep(1_000);
  }
}

/** The invariants of the issue, each with its numbers. `initialStock` is on hand per product id. */
export async function checkInvariants(
  target: StackTarget,
  initialStock: Map<string, number>,
): Promise<InvariantResult[]> {
  const orders = await query<{ id: string; status: string }>(
    target,
    "order-svc",
    "SELECT id, status FROM orders",
  );
  const items = await query<{ order_id: string; product_id: string; quantity: number }>(
    target,
    "order-svc",
    "SELECT order_id, product_id, quantity FROM order_items",
  );
  const outbox = await query<{ id: string; event_type: string; aggregate_id: string; published: boolean }>(
    target,
    "order-svc",
    "SELECT id, event_type, aggregate_id, published_at IS NOT NULL AS published FROM outbox",
  );
  const notifications = await query<{
    event_id: string;
    type: string;
    order_id: string | null;
    status: string;
  }>(target, "notify-svc", "SELECT event_id, type, order_id, status::text FROM notifications");
  const stock = await query<StockRow>(target, "product-svc", "SELECT id, on_hand, reserved FROM products");
  const reservations = await query<{
    order_id: string;
    status: string;
    product_id: string;
    quantity: number;
  }>(
    target,
    "product-svc",
    `SELECT r.order_id, r.status::text, i.product_id, i.quantity
     FROM stock_reservations r JOIN stock_reservation_items i USING (order_id)`,
  );

  return [
    oneCreatedNotificationPerOrder(orders, notifications),
    availableNeverNegative(stock, initialStock),
    stockBalances(orders, items, reservations, stock, initialStock),
    everyEventOnce(outbox, notifications),
  ];
}

function oneCreatedNotificationPerOrder(
  orders: { id: string }[],
  notifications: { type: string; order_id: string | null }[],
): InvariantResult {
  const perOrder = new Map<string, number>();
  for (const n of notifications) {
    if (n.type === "order.created" && n.order_id)
      perOrder.set(n.order_id, (perOrder.get(n.order_id) ?? 0) + 1);
  }
  const missing = orders.filter((o) => !perOrder.has(o.id)).length;
  const doubled = [...perOrder.values()].filter((n) => n > 1).length;
  const known = new Set(orders.map((o) => o.id));
  const strays = [...perOrder.keys()].filter((id) => !known.has(id)).length;
  return {
    name: "every order has exactly one order.created notification",
    pass: missing === 0 && doubled === 0 && strays === 0,
    detail: `${orders.length} orders, ${perOrder.size} with a notification; ${missing} missing, ${doubled} doubled, ${strays} for unknown orders`,
  };
}

interface StockRow {
  id: string;
  on_hand: number;
  reserved: number;
}

function availableNeverNegative(stock: StockRow[], initial: Map<string, number>): InvariantResult {
  const watched = stock.filter((p) => initial.has(p.id));
  const available = watched.map((p) => p.on_hand - p.reserved);
  const negative = watched.filter((p) => p.on_hand - p.reserved < 0 || p.reserved < 0).length;
  const soldOut = available.filter((a) => a === 0).length;
  return {
    name: "available (on hand − reserved) is never negative",
    pass: negative === 0,
    detail: `${watched.length} products, lowest available ${Math.min(...available)}, ${soldOut} sold out, ${negative} negative`,
  };
}

/**
 * product-svc keeps on hand and reserved apart. Per product: reserved = the units of every
 * reservation still holding stock (AWAITING_ORDER or ORDER_PLACED), and those are exactly the lines of
 * orders neither cancelled nor shipped, plus stray reservations (order-svc killed between reserving
 * and writing the order) that hold units until its sweep releases them — counted and reported, not
 * hidden. On hand = the stock-take at the start − units of orders that shipped.
 */
function stockBalances(
  orders: { id: string; status: string }[],
  items: { order_id: string; product_id: string; quantity: number }[],
  reservations: { order_id: string; status: string; product_id: string; quantity: number }[],
  stock: StockRow[],
  initial: Map<string, number>,
): InvariantResult {
  const status = new Map(orders.map((o) => [o.id, o.status]));
  const add = (map: Map<string, number>, key: string, n: number) => map.set(key, (map.get(key) ?? 0) + n);
  const open = new Map<string, number>();
  const shipped = new Map<string, number>();
  for (const item of items) {
    const s = status.get(item.order_id);
    if (s === "SHIPPED" || s === "DELIVERED") add(shipped, item.product_id, item.quantity);
    else if (s !== "CANCELLED") add(open, item.product_id, item.quantity);
  }
  const held = new Map<string, number>();
  const strayHeld = new Map<string, number>();
  const strayOrders = new Set<string>();
  for (const r of reservations) {
    if (r.status !== "AWAITING_ORDER" && r.status !== "ORDER_PLACED") continue;
    add(held, r.product_id, r.quantity);
    if (!status.has(r.order_id)) {
      add(strayHeld, r.product_id, r.quantity);
      strayOrders.add(r.order_id);
    }
  }
  const sum = (map: Map<string, number>) => [...map.values()].reduce((a, b) => a + b, 0);
  const watched = stock.filter((p) => initial.has(p.id));
  const off = (p: StockRow) =>
    p.on_hand !== (initial.get(p.id) ?? 0) - (shipped.get(p.id) ?? 0) ||
    p.reserved !== (held.get(p.id) ?? 0) ||
    p.reserved !== (open.get(p.id) ?? 0) + (strayHeld.get(p.id) ?? 0);
  const mismatched = watched.filter(off);
  const initialTotal = [...initial.values()].reduce((a, b) => a + b, 0);
  const onHandNow = watched.reduce((a, p) => a + p.on_hand, 0);
  const reservedNow = watched.reduce((a, p) => a + p.reserved, 0);
  return {
    name: "on hand = initial − shipped; reserved = held reservations = open orders",
    pass: mismatched.length === 0,
    detail:
      `on hand ${onHandNow} (${initialTotal} − ${sum(shipped)} shipped); reserved ${reservedNow}` +
      ` (held ${sum(held)} = open orders ${sum(open)}` +
      (strayOrders.size
        ? ` + ${sum(strayHeld)} held by ${strayOrders.size} stray reservations awaiting the sweep`
        : "") +
      `); ${mismatched.length} products off`,
  };
}

function everyEventOnce(
  outbox: { id: string; event_type: string; aggregate_id: string; published: boolean }[],
  notifications: { event_id: string; status: string }[],
): InvariantResult {
  const notified = new Map<string, number>();
  for (const n of notifications) notified.set(n.event_id, (notified.get(n.event_id) ?? 0) + 1);
  const lost = outbox.filter((e) => !notified.has(e.id)).length;
  const doubled = [...notified.values()].filter((n) => n > 1).length;
  const known = new Set(outbox.map((e) => e.id));
  const unknown = notifications.filter((n) => !known.has(n.event_id)).length;
  const unpublished = outbox.filter((e) => !e.published).length;
  const createdPerOrder = new Map<string, number>();
  for (const e of outbox) if (e.event_type === "order.created") increment(createdPerOrder, e.aggregate_id);
  const doubleCreated = [...createdPerOrder.values()].filter((n) => n > 1).length;
  const unsent = notifications.filter((n) => n.status !== "SENT").length;
  return {
    name: "no event lost or doubled (outbox ↔ notifications by eventId)",
    pass: lost === 0 && doubled === 0 && unknown === 0 && unpublished === 0 && doubleCreated === 0,
    detail: `${outbox.length} outbox events, ${notifications.length} notifications; ${lost} lost, ${doubled} doubled, ${unknown} unknown, ${unpublished} unpublished, ${doubleCreated} orders with two order.created events; ${unsent} emails not SENT`,
  };
}

function increment(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}
