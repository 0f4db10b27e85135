import { z } from "zod";

/**
 * Parses and validates a package's environment once, at start-up. A bad or missing variable stops the
 * process with one readable line per problem instead of failing later at first use.
 */
export function parseEnv<TSchema extends z.ZodType>(
  schema: TSchema,
  source: Record<string, string | undefined> = process.env,
): z.output<TSchema> {
  const result = schema.safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join(".") || "(root)"}: ${issue.message}`);
  throw new Error(`Invalid environment:\n${lines.join("\n")}`);
}

/** A TCP port given as a string, e.g. "4002". */
export const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

/** "true"/"1"/"yes" → true; everything else (including unset) → the fallback or false. */
export const flag = (fallback = false) =>
  z
    .string()
    .optional()
    .transform((v) =>
      v === undefined || v === "" ? fallback : ["1", "true", "yes", "on"].includes(v.toLowerCase()),
    );

/** The shared secret for internal JWTs; short secrets make HS256 brute-forceable. */
export const internalSecret = z
  .string({ error: "INTERNAL_JWT_SECRET is required" })
  .min(32, "INTERNAL_JWT_SECRET must be at least 32 characters");

export const logLevel = z
  .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
  .default("info");

/** Settings every service server reads: where to listen, how to log, how to authenticate calls. */
export const serviceEnvShape = {
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  HOST: z.string().default("127.0.0.1"),
  LOG_LEVEL: logLevel,
  INTERNAL_JWT_SECRET: internalSecret,
  DB_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  MIGRATE_ON_START: flag(true),
};
