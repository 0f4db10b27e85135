import type { Db } from "../db.ts";
import { newToken, tokenHash } from "./one-time-secrets.ts";

/** Devices remembered per account; older ones are forgotten (they then sign in as strangers). */
const MAX_DEVICES_PER_USER = 10;
/** A stand-in id for unknown emails, so their sign-in runs the same queries as a real account's. */
const NO_USER = "00000000-0000-0000-0000-000000000000";

/**
 * The first of `tokens` that is a trusted device of `userId`, as a short stable id for throttling
 * (a prefix of its hash), or null. Tokens of other accounts in the same browser simply do not match.
 */
export async function trustedDeviceOf(
  db: Db,
  userId: string | undefined,
  tokens: readonly string[],
): Promise<string | null> {
  if (tokens.length === 0) return null;
  const hashes = tokens.map(tokenHash);
  const found = await db.trustedDevice.findFirst({
    where: { userId: userId ?? NO_USER, tokenHash: { in: hashes } },
    select: { tokenHash: true },
  });
  return found ? found.tokenHash.slice(0, 24) : null;
}

/** Remembers a browser that just signed in with the right password; returns the token it keeps. */
export async function trustDevice(db: Db, userId: string): Promise<string> {
  const token = newToken();
  await db.trustedDevice.create({ data: { tokenHash: tokenHash(token), userId } });
  const keep = await db.trustedDevice.findMany({
    where: { userId },
    orderBy: { createdAt: "desc" },
    take: MAX_DEVICES_PER_USER,
    select: { tokenHash: true },
  });
  await db.trustedDevice.deleteMany({
    where: { userId, tokenHash: { notIn: keep.map((d) => d.tokenHash) } },
  });
  return token;
}
