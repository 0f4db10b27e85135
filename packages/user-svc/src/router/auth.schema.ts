/**
 * Inputs of the `auth` router. Pure zod, no server code: the web app imports these through
 * `@shop/user-svc/schemas` and validates its forms with them, so a rule changed here changes the
 * form's message too.
 */
import { z } from "zod";

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

/** Emails are compared trimmed and lower-cased everywhere, so Ann@X.com and ann@x.com are one account. */
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "Email is too long")
  .pipe(z.email({ error: "Enter a valid email address" }));

/** The strength rule of every new password: sign-up, reset and change alike. */
export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Password must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `Password must be at most ${PASSWORD_MAX_LENGTH} characters`);

export const nameSchema = z
  .string()
  .trim()
  .min(1, "Enter your name")
  .max(80, "Name must be at most 80 characters");

export const registerInput = z.object({ email: emailSchema, name: nameSchema, password: passwordSchema });

/**
 * Device tokens: what the browser's device cookie holds (OWASP "device cookies"), one per account
 * that signed in on it, newest first. Opaque random strings; user-svc keeps only their hashes.
 */
export const deviceTokensSchema = z.array(z.string().min(20).max(64)).max(5);

export const credentialsInput = z.object({
  email: emailSchema,
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
  deviceTokens: deviceTokensSchema.default([]),
});

export const oauthUserInput = z.object({
  provider: z.literal("google"),
  providerAccountId: z.string().min(1).max(255),
  email: emailSchema,
  /** As asserted by the provider; an unverified email never links to an existing account. */
  emailVerified: z.boolean(),
  name: nameSchema.catch("Shopper"),
});

export const requestPasswordResetInput = z.object({ email: emailSchema });

/** The token from the reset link: 32 random bytes, base64url. */
export const resetTokenSchema = z.string().regex(/^[\w-]{43}$/, "This reset link is not valid");

export const resetPasswordInput = z.object({ token: resetTokenSchema, password: passwordSchema });
