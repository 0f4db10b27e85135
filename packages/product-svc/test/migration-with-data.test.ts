import { randomBytes } from "node:crypto";
import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runMigrations } from "@shop/service-kit/migrate";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createDb } from "../src/db.ts";
import { ensureStoreCurrency } from "../src/store/currency.ts";
import { migrationsDir } from "./product-service.ts";

/**
 * The on-hand/reserved and store-currency migration run on a database that already has products,
 * reservations in every old state and prices in several currencies: nothing is lost and what a
 * shopper can buy stays exactly what it was.
 */
const MIGRATION = "20261201054542_on_hand_reserved_store_currency";
const cleanup: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const fn of cleanup.reverse()) await fn();
});

async function databaseBefore(migration: string) {
  const admin = new URL(inject("pgAdminUrl"));
  const name = `mig_${randomBytes(6).toString("hex")}`;
  const adminClient = new pg.Client({ connectionString: admin.toString() });
  await adminClient.connect();
  await adminClient.query(`CREATE DATABASE "${name}"`);
  await adminClient.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  cleanup.push(async () => {
    const c = new pg.Client({ connectionString: admin.toString() });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.end();
  });
  const earlier = await mkdtemp(join(tmpdir(), "migrations-"));
  cleanup.push(() => rm(earlier, { recursive: true, force: true }));
  for (const dir of (await readdir(migrationsDir)).filter((d) => d < migration)) {
    await cp(join(migrationsDir, dir), join(earlier, dir), { recursive: true });
  }
  await runMigrations({ connectionString: url.toString(), migrationsDir: earlier });
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  cleanup.push(() => client.end());
  return { url: url.toString(), sql: client };
}

const A = "00000000-0000-4000-8000-00000000000a";
const B = "00000000-0000-4000-8000-00000000000b";
const EUR = "00000000-0000-4000-8000-0000000000e0";
const GBP_ARCHIVED = "00000000-0000-4000-8000-0000000000e1";
const order = (n: number) => `00000000-0000-4000-8000-0000000001${String(n).padStart(2, "0")}`;

async function insertProduct(sql: pg.Client, id: string, stock: number, currency: string, archived = false) {
  await sql.query(
    `INSERT INTO products (id, slug, sku, name, description, price_cents, currency, image_url, stock, archived_at, category_id, updated_at)
     VALUES ($1::uuid, $2, $2, $2, 'd', 1000, $3, '/x.svg', $4, $5, (SELECT id FROM categories LIMIT 1), now())`,
    [id, `p-${id.slice(-4)}`, currency, stock, archived ? new Date() : null],
  );
}

async function insertReservation(
  sql: pg.Client,
  orderId: string,
  status: string,
  productId: string,
  qty: number,
) {
  await sql.query(`INSERT INTO stock_reservations (order_id, status, updated_at) VALUES ($1, $2, now())`, [
    orderId,
    status,
  ]);
  await sql.query(
    `INSERT INTO stock_reservation_items (order_id, product_id, quantity, name, unit_price_cents, currency)
     VALUES ($1, $2, $3, 'n', 1000, 'USD')`,
    [orderId, productId, qty],
  );
}

describe(`migration ${MIGRATION} on a database with data`, () => {
  it("moves held units into reserved (available unchanged), renames states, and fixes one currency", async () => {
    const { url, sql } = await databaseBefore(MIGRATION);
    await sql.query(`INSERT INTO categories (id, slug, name) VALUES (gen_random_uuid(), 'c', 'C')`);
    await insertProduct(sql, A, 10, "USD"); // 10 still buyable; 2 + 3 held below
    await insertProduct(sql, B, 0, "USD"); // sold out, 1 held
    await insertProduct(sql, EUR, 7, "EUR");
    await insertProduct(sql, GBP_ARCHIVED, 2, "GBP", true);
    await insertReservation(sql, order(1), "RESERVED", A, 2);
    await insertReservation(sql, order(2), "COMMITTED", A, 3);
    await insertReservation(sql, order(3), "RELEASED", A, 4);
    await insertReservation(sql, order(4), "COMMITTED", B, 1);

    await runMigrations({ connectionString: url, migrationsDir });

    const products = await sql.query<{
      id: string;
      on_hand: number;
      reserved: number;
      currency: string;
      archived: boolean;
    }>(
      "SELECT id, on_hand, reserved, currency, archived_at IS NOT NULL AS archived FROM products ORDER BY id",
    );
    expect(products.rows).toEqual([
      { id: A, on_hand: 15, reserved: 5, currency: "USD", archived: false },
      { id: B, on_hand: 1, reserved: 1, currency: "USD", archived: false },
      // Priced in a minority currency: off the storefront, price untouched.
      { id: EUR, on_hand: 7, reserved: 0, currency: "EUR", archived: true },
      { id: GBP_ARCHIVED, on_hand: 2, reserved: 0, currency: "GBP", archived: true },
    ]);
    const states = await sql.query<{ order_id: string; status: string }>(
      "SELECT order_id, status::text FROM stock_reservations ORDER BY order_id",
    );
    expect(states.rows.map((r) => r.status)).toEqual([
      "AWAITING_ORDER",
      "ORDER_PLACED",
      "RELEASED",
      "ORDER_PLACED",
    ]);
    expect((await sql.query("SELECT currency FROM store_settings")).rows).toEqual([{ currency: "USD" }]);
    await expect(sql.query("UPDATE products SET reserved = on_hand + 1 WHERE id = $1", [A])).rejects.toThrow(
      /products_reserved_within_on_hand/,
    );

    const db = createDb(url, 1);
    try {
      expect(await ensureStoreCurrency(db, "USD")).toBe("USD");
    } finally {
      await db.$disconnect();
    }
  });

  it("keeps a catalog priced in another currency as it is and refuses a STORE_CURRENCY that would relabel it", async () => {
    const { url, sql } = await databaseBefore(MIGRATION);
    await sql.query(`INSERT INTO categories (id, slug, name) VALUES (gen_random_uuid(), 'c', 'C')`);
    await insertProduct(sql, A, 1, "EUR");
    await insertProduct(sql, B, 1, "EUR");
    await runMigrations({ connectionString: url, migrationsDir });
    expect(
      (await sql.query("SELECT count(*)::int AS n FROM products WHERE archived_at IS NULL")).rows,
    ).toEqual([{ n: 2 }]);
    const db = createDb(url, 1);
    try {
      await expect(ensureStoreCurrency(db, "USD")).rejects.toThrow("Set STORE_CURRENCY=EUR");
      expect(await ensureStoreCurrency(db, "EUR")).toBe("EUR");
    } finally {
      await db.$disconnect();
    }
  });

  it("an empty catalog takes STORE_CURRENCY at the first start", async () => {
    const { url } = await databaseBefore(MIGRATION);
    await runMigrations({ connectionString: url, migrationsDir });
    const db = createDb(url, 1);
    try {
      expect(await ensureStoreCurrency(db, "GBP")).toBe("GBP");
      await expect(ensureStoreCurrency(db, "USD")).rejects.toThrow("Set STORE_CURRENCY=GBP");
    } finally {
      await db.$disconnect();
    }
  });
});
