/** For other packages' integration tests only: run the real order-svc in-process over HTTP. */
export { createProductClient } from "./clients/product-client.ts";
export { createUserClient } from "./clients/user-client.ts";
export { createDb } from "./db.ts";
export { appRouter } from "./router/index.ts";
