import { flag, parseEnv, port, serviceEnvShape } from "@shop/service-kit/env";
import { z } from "zod";
import { storeCurrencySchema } from "./store/currency.ts";

export const envSchema = z.object({
  ...serviceEnvShape,
  PORT: port(4002),
  DATABASE_URL: z.url({ error: "DATABASE_URL must be a postgres:// URL" }),
  SEED_ON_START: flag(false),
  /** The one currency every price is in; fixed at the store's first start (see store/currency.ts). */
  STORE_CURRENCY: storeCurrencySchema.default("USD"),
});

export type ProductEnv = z.output<typeof envSchema>;
export const loadEnv = (source?: Record<string, string | undefined>) => parseEnv(envSchema, source);
