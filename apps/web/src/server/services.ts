import "server-only";
import type { AppRouter as NotifyRouter } from "@shop/notify-svc/router";
import type { AppRouter as OrderRouter } from "@shop/order-svc/router";
import type { AppRouter as ProductRouter } from "@shop/product-svc/router";
import type { Caller } from "@shop/service-kit/auth";
import { createServiceClient, type ServiceClient } from "@shop/service-kit/client";
import type { AppRouter as UserRouter } from "@shop/user-svc/router";
import { webEnv } from "./env.ts";

/**
 * A shopper is waiting on every BFF call, usually for a whole page: fail within seconds (one retry of
 * a query, 4 s per attempt) rather than the service-to-service defaults, and show the error page.
 */
const PAGE_CALL_BUDGET = { timeoutMs: 4_000, maxRetries: 1 } as const;

/** Typed clients for the services the BFF composes; user, order and notify join as their routers land. */
export interface ServiceClients {
  product: ServiceClient<ProductRouter>;
  order: ServiceClient<OrderRouter>;
  notify: ServiceClient<NotifyRouter>;
  user: ServiceClient<UserRouter>;
}

/**
 * One set of clients per BFF request, all acting for that request's caller. Each call mints its own
 * short-lived internal token and forwards the request id (see createServiceClient).
 */
export function createServiceClients(caller: Caller, requestId: string): ServiceClients {
  const env = webEnv();
  return {
    product: createServiceClient<ProductRouter>({
      audience: "product-svc",
      url: env.PRODUCT_SVC_URL,
      secret: env.INTERNAL_JWT_SECRET,
      caller,
      requestId: () => requestId,
      ...PAGE_CALL_BUDGET,
    }),
    order: createServiceClient<OrderRouter>({
      audience: "order-svc",
      url: env.ORDER_SVC_URL,
      secret: env.INTERNAL_JWT_SECRET,
      caller,
      requestId: () => requestId,
      // Placing an order reserves stock in product-svc and writes the outbox: allow it longer than a
      // page read. Mutations are never retried, so this is one attempt.
      timeoutMs: 8_000,
      maxRetries: PAGE_CALL_BUDGET.maxRetries,
    }),
    // Also carries the live-notification subscription (SSE); the timeout applies to queries only.
    notify: createServiceClient<NotifyRouter>({
      audience: "notify-svc",
      url: env.NOTIFY_SVC_URL,
      secret: env.INTERNAL_JWT_SECRET,
      caller,
      requestId: () => requestId,
      ...PAGE_CALL_BUDGET,
    }),
    // Sign-in, registration and the admin user list. Password hashing (argon2id) takes a moment, and
    // mutations are single attempts, so the page budget fits.
    user: createServiceClient<UserRouter>({
      audience: "user-svc",
      url: env.USER_SVC_URL,
      secret: env.INTERNAL_JWT_SECRET,
      caller,
      requestId: () => requestId,
      ...PAGE_CALL_BUDGET,
    }),
  };
}
