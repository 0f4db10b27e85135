import { initServiceTRPC } from "@shop/service-kit/trpc";
import type { Db } from "./db.ts";
import type { AuthLimits } from "./rate-limit/auth-limits.ts";

export interface UserDeps {
  db: Db;
  limits: AuthLimits;
}

export const {
  router,
  publicProcedure,
  authedProcedure,
  adminProcedure,
  serviceProcedure,
  createCallerFactory,
} = initServiceTRPC<UserDeps>({
  service: "user-svc",
  exposeInternalErrors: process.env.NODE_ENV !== "production",
});
