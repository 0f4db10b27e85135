import type { AppRouter as ProductRouter } from "@shop/product-svc/router";
import { createServiceClient } from "@shop/service-kit/client";

/** order-svc's typed client for product-svc, calling as the SERVICE role. */
export function createProductClient(opts: { url: string; secret: string }) {
  return createServiceClient<ProductRouter>({
    audience: "product-svc",
    url: opts.url,
    secret: opts.secret,
    caller: { sub: "order-svc", role: "SERVICE" },
  });
}
export type ProductClient = ReturnType<typeof createProductClient>;
