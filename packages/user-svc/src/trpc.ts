import { initServiceTRPC } from "@shop/service-kit/trpc";
import type { Db } from "./db.ts";
import type { AccountMailer } from "./mail/account-mail.ts";
import type { AuthLimits } from "./rate-limit/auth-limits.ts";

export interface UserDeps {
  db: Db;
  limits: AuthLimits;
  /** Verification codes and reset links, sent through notify-svc. */
  mailer: AccountMailer;
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
