import { randomBytes, randomUUID } from "node:crypto";
import pg from "pg";
import type { CatalogProduct } from "../fixtures/catalog.ts";
import { databaseUrl } from "../stack/target.ts";

/**
 * The baseline for order placement: the same transactional work written by hand with `pg` — a
 * conditional increment of the units reserved (`on_hand - reserved >= qty`), the order row, its item rows and an outbox row, in one transaction —
 * against a scratch database on the stack's own PostgreSQL. Tables and indexes mirror the ones the
 * services write to, so the database does the same amount of work per order; what the baseline leaves
 * out is everything between the client and the SQL (HTTP, BFF, auth, tRPC, two services, Prisma).
 */
const SCHEMA = `
  CREATE TABLE products (id uuid PRIMARY KEY, name text NOT NULL, price_cents int NOT NULL,
    currency char(3) NOT NULL, on_hand int NOT NULL CHECK (on_hand >= 0),
    reserved int NOT NULL DEFAULT 0 CHECK (reserved >= 0 AND reserved <= on_hand),
    updated_at timestamptz(3) NOT NULL DEFAULT now());
  CREATE TABLE orders (id uuid PRIMARY KEY, user_id uuid NOT NULL, user_email text NOT NULL,
    idempotency_key text NOT NULL, request_hash text NOT NULL, status text NOT NULL DEFAULT 'PENDING',
    subtotal_cents int NOT NULL, currency char(3) NOT NULL,
    created_at timestamptz(3) NOT NULL DEFAULT now(), updated_at timestamptz(3) NOT NULL DEFAULT now());
  CREATE UNIQUE INDEX ON orders (user_id, idempotency_key);
  CREATE INDEX ON orders (user_id, created_at);
  CREATE INDEX ON orders (status, created_at);
  CREATE INDEX ON orders (user_id, status);
  CREATE TABLE order_items (order_id uuid NOT NULL REFERENCES orders(id), product_id uuid NOT NULL,
    name text NOT NULL, unit_price_cents int NOT NULL, quantity int NOT NULL, line_total_cents int NOT NULL,
    PRIMARY KEY (order_id, product_id));
  CREATE TABLE outbox (id uuid PRIMARY KEY, event_type text NOT NULL, aggregate_id uuid NOT NULL,
    payload jsonb NOT NULL, created_at timestamptz(3) NOT NULL DEFAULT now(), published_at timestamptz(3),
    attempts int NOT NULL DEFAULT 0, next_attempt_at timestamptz(3) NOT NULL DEFAULT now());
  CREATE INDEX ON outbox (next_attempt_at, created_at) WHERE published_at IS NULL;`;

export interface ScratchOrderDb {
  pool: pg.Pool;
  /** Places one order of `quantity` × product; throws when the stock is short. */
  placeOrder(userId: string, email: string, productId: string, quantity: number): Promise<void>;
  drop(): Promise<void>;
}

export async function createScratchOrderDb(
  adminUrl: string,
  products: CatalogProduct[],
  stock: number,
  poolSize: number,
): Promise<ScratchOrderDb> {
  const name = `bench_order_baseline_${randomBytes(4).toString("hex")}`;
  await withAdmin(adminUrl, (admin) => admin.query(`CREATE DATABASE ${name}`));
  const pool = new pg.Pool({ connectionString: databaseUrl(adminUrl, name), max: poolSize });
  await pool.query(SCHEMA);
  for (const p of products) {
    await pool.query(
      "INSERT INTO products (id, name, price_cents, currency, on_hand) VALUES ($1, $2, $3, $4, $5)",
      [p.id, p.name, p.priceCents, p.currency, stock],
    );
  }

  async function placeOrder(userId: string, email: string, productId: string, quantity: number) {
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      const taken = await client.query<{ name: string; price_cents: number; currency: string }>(
        `UPDATE products SET reserved = reserved + $2, updated_at = now()
         WHERE id = $1 AND on_hand - reserved >= $2 RETURNING name, price_cents, currency`,
        [productId, quantity],
      );
      const line = taken.rows[0];
      if (!line) throw Object.assign(new Error("out of stock"), { code: "CONFLICT" });
      const orderId = randomUUID();
      const total = line.price_cents * quantity;
      await client.query(
        `INSERT INTO orders (id, user_id, user_email, idempotency_key, request_hash, subtotal_cents, currency)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [orderId, userId, email, randomUUID(), "baseline", total, line.currency],
      );
      await client.query(
        `INSERT INTO order_items (order_id, product_id, name, unit_price_cents, quantity, line_total_cents)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [orderId, productId, line.name, line.price_cents, quantity, total],
      );
      const event = { type: "order.created", orderId, items: [{ productId, quantity, name: line.name }] };
      await client.query(
        "INSERT INTO outbox (id, event_type, aggregate_id, payload) VALUES ($1, 'order.created', $2, $3)",
        [randomUUID(), orderId, JSON.stringify(event)],
      );
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  return {
    pool,
    placeOrder,
    async drop() {
      await pool.end();
      await withAdmin(adminUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

async function withAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
