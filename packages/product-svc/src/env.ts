import { flag, parseEnv, port, serviceEnvShape } from "@shop/service-kit/env";
import { z } from "zod";

export const envSchema = z.object({
  ...serviceEnvShape,
  PORT: port(4002),
  DATABASE_URL: z.url({ error: "DATABASE_URL must be a postgres:// URL" }),
  SEED_ON_START: flag(false),
});

export type ProductEnv = z.output<typeof envSchema>;
export const loadEnv = (source?: Record<string, string | undefined>) => parseEnv(envSchema, source);
