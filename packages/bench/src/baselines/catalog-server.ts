// Baseline server for the catalog benchmark (b), run as its own process like a service: node:http and
// `pg` running the same two statements product-svc's catalog query runs for a first page — the page
// (LIMIT n + 1, newest first, or by rank for a search) and the total count, in parallel on a pool of 10
// (product-svc's DB_POOL_MAX default). No framework, no auth, no validation library, no ORM.
//   GET /list?limit=12        GET /search?q=word&limit=12
import http from "node:http";
import pg from "pg";
import { announcePort } from "../stack/child-server.ts";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });

const COLUMNS = `p.id, p.slug, p.name, p.price_cents, p.currency, p.image_url, p.on_hand, p.reserved, p.sku, p.archived_at,
  p.created_at, c.slug AS category_slug, c.name AS category_name`;
const FROM =
  "FROM products p JOIN categories c ON c.id = p.category_id CROSS JOIN (SELECT to_tsquery('english', $1) AS query) q";

async function firstPage(tsQuery: string | null, limit: number) {
  const where = tsQuery ? "p.archived_at IS NULL AND p.search @@ q.query" : "p.archived_at IS NULL";
  const rank = tsQuery ? "ts_rank(p.search, q.query)" : "0::real";
  const order = tsQuery ? "rank DESC, p.id DESC" : "p.created_at DESC, p.id DESC";
  const [rows, counted] = await Promise.all([
    pool.query(`SELECT ${COLUMNS}, ${rank} AS rank ${FROM} WHERE ${where} ORDER BY ${order} LIMIT $2`, [
      tsQuery,
      limit + 1,
    ]),
    pool.query<{ total: string }>(`SELECT count(*) AS total ${FROM} WHERE ${where}`, [tsQuery]),
  ]);
  const items = rows.rows.slice(0, limit).map((r) => ({
    id: r.id,
    slug: r.slug,
    name: r.name,
    priceCents: r.price_cents,
    currency: String(r.currency).trim(),
    imageUrl: r.image_url,
    available: r.on_hand - r.reserved,
    stockLevels: null,
    sku: r.sku,
    archivedAt: r.archived_at,
    category: { slug: r.category_slug, name: r.category_name },
  }));
  return { items, total: Number(counted.rows[0]?.total ?? 0), hasMore: rows.rows.length > limit };
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://localhost");
  const limit = Math.min(60, Number(url.searchParams.get("limit") ?? 12) || 12);
  const word = url.searchParams
    .get("q")
    ?.toLowerCase()
    .match(/[\p{L}\p{N}]+/u)?.[0];
  const route =
    url.pathname === "/list" ? null : url.pathname === "/search" && word ? `${word}:*` : undefined;
  if (route === undefined) {
    res.writeHead(404).end();
    return;
  }
  firstPage(route, limit).then(
    (page) => {
      const body = JSON.stringify(page);
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
      res.end(body);
    },
    (error: unknown) => {
      res.writeHead(500).end(String(error));
    },
  );
});

server.listen(0, "127.0.0.1", () => announcePort(server));
