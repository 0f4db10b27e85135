/**
 * For other services' integration tests only: lets them run the real product-svc in-process over HTTP.
 * Production code in other services imports nothing from here (only `type AppRouter` from ./router).
 */
export { presentProduct, productDetailSelect } from "./catalog/selects.ts";
export { createDb } from "./db.ts";
export { appRouter } from "./router/index.ts";
export { seedCatalog } from "./seed/seed-catalog.ts";
export { ensureStoreCurrency } from "./store/currency.ts";
