import { initServiceTRPC } from "@shop/service-kit/trpc";
import type { Db } from "./db.ts";

export interface UserDeps {
  db: Db;
}

export const {
  router,
  publicProcedure,
  authedProcedure,
  adminProcedure,
  serviceProcedure,
  createCallerFactory,
} = initServiceTRPC<UserDeps>({ exposeInternalErrors: process.env.NODE_ENV !== "production" });
