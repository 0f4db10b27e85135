import "server-only";
import type { AppRouter as NotifyRouter } from "@shop/notify-svc/router";
import type { AppRouter as OrderRouter } from "@shop/order-svc/router";
import type { AppRouter as ProductRouter } from "@shop/product-svc/router";
import type { Caller } from "@shop/service-kit/auth";
import { createServiceClient, type ServiceClient, type ServiceClientOptions } from "@shop/service-kit/client";
import type { AppRouter as UserRouter } from "@shop/user-svc/router";
import type { AnyRouter } from "@trpc/server";
import { webEnv } from "./env.ts";

/**
 * A shopper is waiting on every BFF call, usually for a whole page: fail within seconds (one retry of
 * a query, 4 s per attempt) rather than the service-to-service defaults, and show the error page.
 */
const PAGE_CALL_BUDGET = { timeoutMs: 4_000, maxRetries: 1 } as const;

type CallBudget = Pick<ServiceClientOptions, "timeoutMs" | "maxRetries">;

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
  // The clients differ only in the service they call and how long they may take.
  const clientFor = <TRouter extends AnyRouter>(
    audience: ServiceClientOptions["audience"],
    url: string,
    budget: CallBudget = PAGE_CALL_BUDGET,
  ): ServiceClient<TRouter> =>
    createServiceClient<TRouter>({
      audience,
      url,
      secret: env.INTERNAL_JWT_SECRET,
      caller,
      requestId: () => requestId,
      ...budget,
    });
  return {
    product: clientFor<ProductRouter>("product-svc", env.PRODUCT_SVC_URL),
    // Placing an order reserves stock in product-svc and writes the outbox: allow it longer than a
    // page read. Mutations are never retried, so this is one attempt.
    order: clientFor<OrderRouter>("order-svc", env.ORDER_SVC_URL, { ...PAGE_CALL_BUDGET, timeoutMs: 8_000 }),
    // Also carries the live-notification subscription (SSE); the timeout applies to queries only.
    notify: clientFor<NotifyRouter>("notify-svc", env.NOTIFY_SVC_URL),
    // Sign-in, registration and the admin user list. Password hashing (argon2id) takes a moment, and
    // mutations are single attempts, so the page budget fits.
    user: clientFor<UserRouter>("user-svc", env.USER_SVC_URL),
  };
}
