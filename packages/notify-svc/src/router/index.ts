import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { router } from "../trpc.ts";
import { accountMailRouter } from "./account-mail.ts";
import { notificationsRouter } from "./notifications.ts";

export const appRouter = router({
  notifications: notificationsRouter,
  accountMail: accountMailRouter,
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
