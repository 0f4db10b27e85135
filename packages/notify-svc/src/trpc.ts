import { initServiceTRPC } from "@shop/service-kit/trpc";
import type { Db } from "./db.ts";
import type { Mailer } from "./email/mailer.ts";
import type { NotificationHub } from "./live/notification-hub.ts";

export interface NotifyDeps {
  db: Db;
  hub: NotificationHub;
  mailer: Mailer;
  /** Base URL of the storefront, for links in emails. */
  webUrl: string;
}

export const {
  router,
  publicProcedure,
  authedProcedure,
  adminProcedure,
  serviceProcedure,
  createCallerFactory,
} = initServiceTRPC<NotifyDeps>({
  service: "notify-svc",
  exposeInternalErrors: process.env.NODE_ENV !== "production",
});
