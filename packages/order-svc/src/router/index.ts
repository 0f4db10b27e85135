import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { router } from "../trpc.ts";
import { cartRouter } from "./cart.ts";

export const appRouter = router({
  cart: cartRouter,
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
