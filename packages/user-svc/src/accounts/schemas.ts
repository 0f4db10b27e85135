import { z } from "zod";

/** Emails are compared trimmed and lower-cased everywhere, so Ann@X.com and ann@x.com are one account. */
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "Email is too long")
  .pipe(z.email({ error: "Enter a valid email address" }));

export const passwordSchema = z
  .string()
  .min(10, "Password must be at least 10 characters")
  .max(200, "Password must be at most 200 characters");

export const nameSchema = z
  .string()
  .trim()
  .min(1, "Enter your name")
  .max(80, "Name must be at most 80 characters");

export const registerInput = z.object({ email: emailSchema, name: nameSchema, password: passwordSchema });

export const credentialsInput = z.object({ email: emailSchema, password: z.string().min(1).max(200) });

/** What other components may know about a user: never the password hash. */
export const publicUserSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  emailVerified: true,
  createdAt: true,
} as const;

export const oauthUserInput = z.object({
  provider: z.literal("google"),
  providerAccountId: z.string().min(1).max(255),
  email: emailSchema,
  /** As asserted by the provider; an unverified email never links to an existing account. */
  emailVerified: z.boolean(),
  name: nameSchema.catch("Shopper"),
});
export type OAuthUserInput = z.output<typeof oauthUserInput>;
