import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { router } from "../trpc.ts";
import { categoriesRouter } from "./categories.ts";
import { inventoryRouter } from "./inventory.ts";
import { productsRouter } from "./products.ts";
import { storeRouter } from "./store.ts";

export const appRouter = router({
  products: productsRouter,
  categories: categoriesRouter,
  inventory: inventoryRouter,
  store: storeRouter,
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
