import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { router } from "../trpc.ts";
import { cartRouter } from "./cart.ts";
import { ordersRouter } from "./orders.ts";

export const appRouter = router({
  cart: cartRouter,
  orders: ordersRouter,
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
