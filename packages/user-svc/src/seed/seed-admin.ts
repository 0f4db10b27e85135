import type { Logger } from "@shop/service-kit/log";
import { hashPassword } from "../accounts/password.ts";
import type { Db } from "../db.ts";
import { emailSchema } from "../router/auth.schema.ts";

/**
 * Makes sure the configured admin account exists and is an admin. The password is set only when the
 * account is created, so an admin who changed it keeps theirs across restarts.
 */
export async function seedAdmin(db: Db, email: string, password: string, log?: Logger): Promise<void> {
  const normalized = emailSchema.parse(email);
  const existing = await db.user.findUnique({
    where: { email: normalized },
    select: { id: true, role: true },
  });
  if (existing) {
    if (existing.role !== "ADMIN")
      await db.user.update({ where: { id: existing.id }, data: { role: "ADMIN" } });
    log?.info({ email: normalized }, "admin account present");
    return;
  }
  await db.user.create({
    data: {
      email: normalized,
      name: "Store Admin",
      role: "ADMIN",
      emailVerified: true,
      passwordHash: await hashPassword(password),
    },
  });
  log?.info({ email: normalized }, "admin account created");
}
