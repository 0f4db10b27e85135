import { awsEnvShape } from "@shop/events/aws";
import { parseEnv, port, serviceEnvShape } from "@shop/service-kit/env";
import { z } from "zod";

export const envSchema = z.object({
  ...serviceEnvShape,
  ...awsEnvShape,
  PORT: port(4004),
  DATABASE_URL: z.url({ error: "DATABASE_URL must be a postgres:// URL" }),
  NOTIFY_QUEUE: z.string().default("notify-order-events"),
});

export type NotifyEnv = z.output<typeof envSchema>;
export const loadEnv = (source?: Record<string, string | undefined>) => parseEnv(envSchema, source);
