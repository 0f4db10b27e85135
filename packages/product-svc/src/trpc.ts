import { initServiceTRPC } from "@shop/service-kit/trpc";
import type { Db } from "./db.ts";

export interface ProductDeps {
  db: Db;
  /** The store's one currency, as recorded by ensureStoreCurrency at start-up. */
  storeCurrency: string;
}

export const { router, publicProcedure, adminProcedure, serviceProcedure, createCallerFactory } =
  initServiceTRPC<ProductDeps>({
    service: "product-svc",
    exposeInternalErrors: process.env.NODE_ENV !== "production",
  });
