import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { router } from "../trpc.ts";
import { accountRouter } from "./account.ts";
import { authRouter } from "./auth.ts";
import { usersRouter } from "./users.ts";

export const appRouter = router({
  auth: authRouter,
  users: usersRouter,
  account: accountRouter,
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
