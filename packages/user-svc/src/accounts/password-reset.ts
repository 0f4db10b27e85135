import type { Logger } from "@shop/service-kit/log";
import { TRPCError } from "@trpc/server";
import type { Db } from "../db.ts";
import { type AccountMailer, sendInBackground } from "../mail/account-mail.ts";
import { trustDevice } from "./devices.ts";
import { newToken, tokenHash } from "./one-time-secrets.ts";
import { hashPassword } from "./password.ts";
import { endAllSessions } from "./sessions.ts";

export const RESET_TTL_MS = 30 * 60_000;

/**
 * "Forgot password": the caller learns nothing about whether the email has an account. Both paths do
 * the same visible work (one lookup) and answer at once; creating the link and mailing it happen after
 * the answer, so a real account is not given away by a slower reply.
 */
export async function requestPasswordReset(
  deps: { db: Db; mailer: AccountMailer; log: Logger },
  email: string,
): Promise<void> {
  const user = await deps.db.user.findUnique({ where: { email }, select: { id: true, name: true } });
  if (!user) return;
  void (async () => {
    const token = newToken();
    await deps.db.passwordReset.create({
      data: { tokenHash: tokenHash(token), userId: user.id, expiresAt: new Date(Date.now() + RESET_TTL_MS) },
    });
    sendInBackground(deps.mailer, { kind: "password-reset", to: email, name: user.name, token }, deps.log);
  })().catch((error: unknown) => {
    deps.log.error({ err: error instanceof Error ? error.message : String(error) }, "reset link not created");
  });
}

/**
 * Sets a new password from a reset link. The link is consumed by one DELETE … RETURNING, so it works
 * once even when submitted twice at the same moment. Every session and trusted device of the account
 * ends, every other outstanding link dies, and the email counts as verified (the link reached it).
 * The browser that used the link becomes the account's one trusted device (it proved the mailbox),
 * so an attacker still guessing at the email cannot keep the owner out after a reset.
 * Returns the account's email (to clear its sign-in throttles) and that device token.
 */
export async function resetPassword(
  db: Db,
  token: string,
  password: string,
): Promise<{ email: string; deviceToken: string }> {
  const consumed = await db.$queryRaw<{ user_id: string }[]>`
    DELETE FROM password_resets WHERE token_hash = ${tokenHash(token)} AND expires_at > now()
    RETURNING user_id`;
  const userId = consumed[0]?.user_id;
  if (!userId) {
    throw new TRPCError({
      code: "PRECONDITION_FAILED",
      message: "This reset link is invalid, was already used or has expired. Ask for a new one.",
    });
  }
  const passwordHash = await hashPassword(password);
  const email = await db.$transaction(async (tx) => {
    const user = await tx.user.update({
      where: { id: userId },
      data: { passwordHash, emailVerified: true },
      select: { email: true },
    });
    await tx.passwordReset.deleteMany({ where: { userId } });
    await tx.emailVerification.deleteMany({ where: { userId } });
    await endAllSessions(tx, userId);
    return user.email;
  });
  return { email, deviceToken: await trustDevice(db, userId) };
}
