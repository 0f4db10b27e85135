/** For other packages' integration tests only: run the real notify-svc in-process over HTTP. */
export { createDb } from "./db.ts";
export { createMailer } from "./email/mailer.ts";
export { createNotificationHub } from "./live/notification-hub.ts";
export { appRouter } from "./router/index.ts";
