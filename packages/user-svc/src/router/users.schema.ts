/** Inputs of the `users` router (admin and service procedures). Pure zod; see auth.schema.ts. */
import { z } from "zod";

export const roleSchema = z.enum(["SHOPPER", "ADMIN"]);

export const byIdInput = z.object({ id: z.uuid() });

export const listUsersInput = z.object({
  q: z.string().trim().max(100).optional(),
  role: roleSchema.optional(),
  cursor: z.uuid().optional(),
  limit: z.number().int().min(1).max(100).default(25),
});

export const setRoleInput = z.object({ userId: z.uuid(), role: roleSchema });
