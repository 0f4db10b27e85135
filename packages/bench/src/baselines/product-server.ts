// Baseline server for the single-service-call benchmark (c), run as its own process: node:http with
// the same handler logic as product-svc's products.bySlug — the same Prisma client (product-svc's own
// generated client and pool settings) and the same query — but no tRPC, no internal-token check, no
// zod input parsing, no superjson. The difference to the service is what the framework costs.
//   GET /bySlug?slug=<slug>
import http from "node:http";
import { createDb, presentProduct, productDetailSelect } from "@shop/product-svc/testing";
import { announcePort } from "../stack/child-server.ts";

const db = createDb(process.env.DATABASE_URL ?? "", 10);

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://localhost");
  const slug = url.searchParams.get("slug");
  if (url.pathname !== "/bySlug" || !slug) {
    res.writeHead(404).end();
    return;
  }
  db.product.findFirst({ where: { slug, archivedAt: null }, select: productDetailSelect }).then(
    (product) => {
      const body = JSON.stringify(product && presentProduct(product, "GUEST"));
      res.writeHead(product ? 200 : 404, {
        "content-type": "application/json",
        "content-length": Buffer.byteLength(body),
      });
      res.end(body);
    },
    (error: unknown) => {
      res.writeHead(500).end(String(error));
    },
  );
});

server.listen(0, "127.0.0.1", () => announcePort(server));
