import "server-only";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { createCallerFactory, router } from "./init.ts";
import { categoriesRouter, productsRouter } from "./routers/catalog.ts";

/** What the browser (and server components) can call; names match the services' procedures. */
export const bffRouter = router({
  products: productsRouter,
  categories: categoriesRouter,
});

export type BffRouter = typeof bffRouter;
export type BffInputs = inferRouterInputs<BffRouter>;
export type BffOutputs = inferRouterOutputs<BffRouter>;

export const createBffCaller = createCallerFactory(bffRouter);
