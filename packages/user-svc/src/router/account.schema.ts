/** Inputs of the `account` router (the signed-in person's own account). Pure zod; see auth.schema.ts. */
import { z } from "zod";
import { PASSWORD_MAX_LENGTH, passwordSchema } from "./auth.schema.ts";

export const VERIFICATION_CODE_LENGTH = 6;

export const verifyEmailInput = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, `Enter the ${VERIFICATION_CODE_LENGTH}-digit code from the email`),
});

export const changePasswordInput = z.object({
  currentPassword: z.string().min(1, "Enter your current password").max(PASSWORD_MAX_LENGTH),
  newPassword: passwordSchema,
});
