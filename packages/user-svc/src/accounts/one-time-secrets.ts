import { createHash, randomBytes, randomInt, timingSafeEqual } from "node:crypto";

/**
 * The secrets user-svc sends to people (verification codes, reset links) or hands to browsers (device
 * tokens). Only their SHA-256 is stored, so a read of the database does not yield a usable link or
 * device token. A 6-digit code's hash could be brute-forced offline by someone holding the database,
 * so codes are bound to the user, live 30 minutes, and die after a few wrong tries online; all they
 * can ever prove is that someone read the mailbox.
 */

/** 32 random bytes, base64url (43 characters): reset-link tokens and device tokens. */
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

export function tokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Six digits, leading zeros kept, from the CSPRNG. */
export function newVerificationCode(): string {
  return randomInt(0, 1_000_000).toString().padStart(6, "0");
}

export function verificationCodeHash(userId: string, code: string): string {
  return createHash("sha256").update(`${userId}:${code}`).digest("hex");
}

/** Constant-time comparison of two hex digests. */
export function sameDigest(a: string, b: string): boolean {
  const left = Buffer.from(a, "hex");
  const right = Buffer.from(b, "hex");
  return left.length === right.length && timingSafeEqual(left, right);
}
