import { flag, parseEnv, port, serviceEnvShape } from "@shop/service-kit/env";
import { z } from "zod";

export const envSchema = z
  .object({
    ...serviceEnvShape,
    PORT: port(4001),
    DATABASE_URL: z.url({ error: "DATABASE_URL must be a postgres:// URL" }),
    SEED_ON_START: flag(false),
    /** Sign-in/registration rate limits in Redis instead of PostgreSQL. */
    REDIS_URL: z.url().optional(),
    /** notify-svc, which sends account mail (verification codes, password-reset links). */
    NOTIFY_SVC_URL: z.url().default("http://127.0.0.1:4004"),
    ADMIN_EMAIL: z.email().optional(),
    ADMIN_PASSWORD: z.string().min(10, "ADMIN_PASSWORD must be at least 10 characters").optional(),
  })
  .refine((env) => !env.SEED_ON_START || (env.ADMIN_EMAIL && env.ADMIN_PASSWORD), {
    message: "SEED_ON_START needs ADMIN_EMAIL and ADMIN_PASSWORD (there is no built-in admin password)",
    path: ["ADMIN_PASSWORD"],
  });

export type UserEnv = z.output<typeof envSchema>;
export const loadEnv = (source?: Record<string, string | undefined>) => parseEnv(envSchema, source);
