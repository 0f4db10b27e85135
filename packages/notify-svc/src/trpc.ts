import { initServiceTRPC } from "@shop/service-kit/trpc";
import type { Db } from "./db.ts";

export interface NotifyDeps {
  db: Db;
}

export const {
  router,
  publicProcedure,
  authedProcedure,
  adminProcedure,
  serviceProcedure,
  createCallerFactory,
} = initServiceTRPC<NotifyDeps>({ exposeInternalErrors: process.env.NODE_ENV !== "production" });
