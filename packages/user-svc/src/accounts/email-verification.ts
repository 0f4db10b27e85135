import { TRPCError } from "@trpc/server";
import type { Db } from "../db.ts";
import { newVerificationCode, sameDigest, verificationCodeHash } from "./one-time-secrets.ts";
import { publicUserSelect } from "./selects.ts";

/** How long a code works, and how many wrong tries kill it (a resend issues a fresh one). */
export const CODE_TTL_MS = 30 * 60_000;
export const MAX_CODE_ATTEMPTS = 5;

/** Creates (or replaces) the account's code; returns it for the email. Only its hash is stored. */
export async function issueVerificationCode(db: Db, userId: string): Promise<string> {
  const code = newVerificationCode();
  const row = {
    codeHash: verificationCodeHash(userId, code),
    attempts: 0,
    expiresAt: new Date(Date.now() + CODE_TTL_MS),
  };
  await db.emailVerification.upsert({ where: { userId }, create: { userId, ...row }, update: row });
  return code;
}

const deadCode = () =>
  new TRPCError({
    code: "PRECONDITION_FAILED",
    message: "This code has expired or was tried too often. Send a new code.",
  });

/**
 * Checks a code. The attempt is counted atomically before the comparison (one conditional UPDATE), so
 * parallel guesses cannot exceed MAX_CODE_ATTEMPTS; a correct code is deleted as it verifies the email.
 */
export async function verifyEmailCode(db: Db, userId: string, code: string) {
  const counted = await db.$queryRaw<{ code_hash: string }[]>`
    UPDATE email_verifications SET attempts = attempts + 1
    WHERE user_id = ${userId}::uuid AND attempts < ${MAX_CODE_ATTEMPTS} AND expires_at > now()
    RETURNING code_hash`;
  const stored = counted[0]?.code_hash;
  if (!stored) {
    const user = await db.user.findUnique({ where: { id: userId }, select: publicUserSelect });
    if (user?.emailVerified) return user; // verified meanwhile (another tab, Google): nothing to do
    throw deadCode();
  }
  if (!sameDigest(stored, verificationCodeHash(userId, code))) {
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: "That code is not right. Check the email and try again.",
    });
  }
  const [, user] = await db.$transaction([
    db.emailVerification.deleteMany({ where: { userId } }),
    db.user.update({ where: { id: userId }, data: { emailVerified: true }, select: publicUserSelect }),
  ]);
  return user;
}
