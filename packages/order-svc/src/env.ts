import { awsEnvShape } from "@shop/events/aws";
import { parseEnv, port, serviceEnvShape } from "@shop/service-kit/env";
import { z } from "zod";

export const envSchema = z.object({
  ...serviceEnvShape,
  ...awsEnvShape,
  PORT: port(4003),
  DATABASE_URL: z.url({ error: "DATABASE_URL must be a postgres:// URL" }),
  PRODUCT_SVC_URL: z.url().default("http://127.0.0.1:4002"),
});

export type OrderEnv = z.output<typeof envSchema>;
export const loadEnv = (source?: Record<string, string | undefined>) => parseEnv(envSchema, source);
