import { initServiceTRPC } from "@shop/service-kit/trpc";
import type { ProductClient } from "./clients/product-client.ts";
import type { UserClient } from "./clients/user-client.ts";
import type { Db } from "./db.ts";

export interface OrderDeps {
  db: Db;
  products: ProductClient;
  /** How many PENDING orders one shopper may hold at once (MAX_PENDING_ORDERS_PER_SHOPPER). */
  maxPendingOrders: number;
  /** Accounts: checkout asks whether the buyer's email is verified (and what it is). */
  users: UserClient;
}

export const {
  router,
  publicProcedure,
  authedProcedure,
  adminProcedure,
  serviceProcedure,
  createCallerFactory,
} = initServiceTRPC<OrderDeps>({
  service: "order-svc",
  exposeInternalErrors: process.env.NODE_ENV !== "production",
});
