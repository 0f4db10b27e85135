/**
 * `@shop/user-svc/schemas`: every input schema of user-svc's routers, plus the limits they encode.
 * Pure zod (nothing here touches the database, crypto or the network), so the web app's browser
 * bundle can import it and validate forms with exactly the rules the service applies.
 */
export * from "./router/account.schema.ts";
export * from "./router/auth.schema.ts";
export * from "./router/users.schema.ts";
