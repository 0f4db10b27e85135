/** For other packages' integration tests only: run the real user-svc in-process over HTTP. */
export { createDb } from "./db.ts";
export { createAccountMailer } from "./mail/account-mail.ts";
export { createAuthLimits } from "./rate-limit/auth-limits.ts";
export { appRouter } from "./router/index.ts";
