import { awsEnvShape } from "@shop/events/aws";
import { flag, parseEnv, port, serviceEnvShape } from "@shop/service-kit/env";
import { z } from "zod";

export const envSchema = z.object({
  ...serviceEnvShape,
  ...awsEnvShape,
  PORT: port(4003),
  DATABASE_URL: z.url({ error: "DATABASE_URL must be a postgres:// URL" }),
  PRODUCT_SVC_URL: z.url().default("http://127.0.0.1:4002"),
  USER_SVC_URL: z.url().default("http://127.0.0.1:4001"),
  /** Reservations without an order after this long are released by the sweeper. */
  RESERVATION_TTL_SECONDS: z.coerce.number().int().min(30).default(600),
  /** A shopper with this many PENDING orders must wait for one to be confirmed (or cancel one). */
  MAX_PENDING_ORDERS_PER_SHOPPER: z.coerce.number().int().min(1).default(10),
  /** Off only for chaos tests that need orders to pile up in the outbox. */
  OUTBOX_RELAY_ENABLED: flag(true),
});

export type OrderEnv = z.output<typeof envSchema>;
export const loadEnv = (source?: Record<string, string | undefined>) => parseEnv(envSchema, source);
