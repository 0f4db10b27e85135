import "server-only";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { createCallerFactory, mergeRouters, router } from "./init.ts";
import { accountRouter, authRouter, usersRouter } from "./routers/account.ts";
import { adminProductsRouter } from "./routers/admin-catalog.ts";
import { cartRouter } from "./routers/cart.ts";
import { categoriesRouter, productsRouter, storeRouter } from "./routers/catalog.ts";
import { notificationsRouter } from "./routers/notifications.ts";
import { ordersRouter } from "./routers/orders.ts";

/** What the browser (and server components) can call; names match the services' procedures. */
export const bffRouter = router({
  products: mergeRouters(productsRouter, adminProductsRouter),
  categories: categoriesRouter,
  store: storeRouter,
  auth: authRouter,
  users: usersRouter,
  account: accountRouter,
  cart: cartRouter,
  orders: ordersRouter,
  notifications: notificationsRouter,
});

export type BffRouter = typeof bffRouter;
export type BffInputs = inferRouterInputs<BffRouter>;
export type BffOutputs = inferRouterOutputs<BffRouter>;

export const createBffCaller = createCallerFactory(bffRouter);
