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

/** Empty strings count as unset, so `GOOGLE_CLIENT_ID=` in a .env file does not half-enable Google. */
const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined));

const authEnvSchema = z
  .object({
    NODE_ENV: webEnvSchema.shape.NODE_ENV,
    // Signs and encrypts the session JWT; next-auth reads it from here (authOptions), not from process.env.
    NEXTAUTH_SECRET: z
      .string({ error: "NEXTAUTH_SECRET is required" })
      .min(32, "NEXTAUTH_SECRET must be at least 32 characters"),
    // The site's public URL: next-auth builds OAuth callback URLs from it; https turns on Secure cookies.
    NEXTAUTH_URL: z.url().optional(),
    GOOGLE_CLIENT_ID: optionalText,
    GOOGLE_CLIENT_SECRET: optionalText,
    /**
     * Google's OIDC issuer by default. Tests point it at a local OIDC server; its
     * /.well-known/openid-configuration supplies the authorize, token and JWKS endpoints.
     */
    GOOGLE_ISSUER: z.url().default("https://accounts.google.com"),
  })
  .refine((env) => Boolean(env.GOOGLE_CLIENT_ID) === Boolean(env.GOOGLE_CLIENT_SECRET), {
    message: "Set both GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET, or neither",
    path: ["GOOGLE_CLIENT_SECRET"],
  });

export type AuthEnv = z.output<typeof authEnvSchema>;

let parsedAuth: AuthEnv | undefined;

/**
 * Sign-in settings, parsed separately from webEnv() so that code paths without sessions (and their
 * tests) do not need NEXTAUTH_SECRET; anything that reads or creates a session does.
 */
export function authEnv(): AuthEnv {
  parsedAuth ??= parseEnv(authEnvSchema);
  return parsedAuth;
}
