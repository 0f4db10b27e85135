import { randomUUID } from "node:crypto";
import type { AppRouter as NotifyRouter } from "@shop/notify-svc/router";
import type { AppRouter as OrderRouter } from "@shop/order-svc/router";
import type { AppRouter as ProductRouter } from "@shop/product-svc/router";
import type { Caller, ServiceName } from "@shop/service-kit/auth";
import { mintInternalToken } from "@shop/service-kit/auth";
import { createServiceClient } from "@shop/service-kit/client";
import type { AppRouter as UserRouter } from "@shop/user-svc/router";
import type { StackTarget } from "../stack/target.ts";
import type { HttpClient } from "./http.ts";
import type { TrpcEndpoint } from "./trpc-wire.ts";

/**
 * The scripts act as the stack's operator: they hold INTERNAL_JWT_SECRET, so they can call services
 * directly as an admin (setStock, updateStatus) or as a given shopper, as the BFF would.
 */
export const benchAdmin = (): Caller => ({
  sub: randomUUID(),
  role: "ADMIN",
  email: "bench-admin@bench.local",
});

/** Typed kit clients (the same factory the BFF uses) for set-up work and subscriptions. */
export function serviceClients(target: StackTarget, caller: Caller) {
  const common = { secret: target.internalSecret, caller, timeoutMs: 15_000 };
  return {
    user: createServiceClient<UserRouter>({
      ...common,
      audience: "user-svc",
      url: target.serviceUrls["user-svc"],
    }),
    product: createServiceClient<ProductRouter>({
      ...common,
      audience: "product-svc",
      url: target.serviceUrls["product-svc"],
    }),
    order: createServiceClient<OrderRouter>({
      ...common,
      audience: "order-svc",
      url: target.serviceUrls["order-svc"],
    }),
    notify: createServiceClient<NotifyRouter>({
      ...common,
      audience: "notify-svc",
      url: target.serviceUrls["notify-svc"],
    }),
  };
}
export type ServiceClients = ReturnType<typeof serviceClients>;

/** Tokens live 60 s; one is reused for 30 s so measured loops do not spend client CPU signing JWTs. */
const TOKEN_REUSE_MS = 30_000;

/**
 * A raw tRPC endpoint of one service with an Authorization header for `caller`, for measured loops
 * (see trpc-wire.ts for why those do not use the kit client).
 */
export function serviceEndpoint(
  target: StackTarget,
  http: HttpClient,
  audience: ServiceName,
  caller: Caller,
): TrpcEndpoint {
  let token: { value: string; mintedAt: number } | undefined;
  return {
    http,
    baseUrl: `${target.serviceUrls[audience]}/trpc`,
    headers: async () => {
      if (!token || performance.now() - token.mintedAt > TOKEN_REUSE_MS) {
        const value = await mintInternalToken({
          secret: target.internalSecret,
          audience,
          caller,
          lifetimeSeconds: 60,
        });
        token = { value, mintedAt: performance.now() };
      }
      return { authorization: `Bearer ${token.value}` };
    },
  };
}
