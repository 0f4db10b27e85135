import "server-only";
import { internalSecret, logLevel, parseEnv, port } from "@shop/service-kit/env";
import { z } from "zod";

const serviceUrl = (fallback: string) => z.url().default(fallback);

const webEnvSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  PORT: port(3000),
  LOG_LEVEL: logLevel,
  USER_SVC_URL: serviceUrl("http://127.0.0.1:4001"),
  PRODUCT_SVC_URL: serviceUrl("http://127.0.0.1:4002"),
  ORDER_SVC_URL: serviceUrl("http://127.0.0.1:4003"),
  NOTIFY_SVC_URL: serviceUrl("http://127.0.0.1:4004"),
  INTERNAL_JWT_SECRET: internalSecret,
});

export type WebEnv = z.output<typeof webEnvSchema>;

let parsed: WebEnv | undefined;

/**
 * The web app's environment, parsed on first use rather than at import: `next build` imports server
 * modules while collecting pages, and the build must not need runtime secrets.
 */
export function webEnv(): WebEnv {
  parsed ??= parseEnv(webEnvSchema);
  return parsed;
}
