import type { Prisma } from "../generated/prisma/client.ts";

type Tx = Prisma.TransactionClient;

/**
 * Ends every session of the account: sessions carry the version they were issued under, and the BFF
 * re-reads the current one at least every 30 s (apps/web/src/server/auth/account-freshness.ts).
 * Trusted devices go too: whoever held a session or a device cookie before must prove themselves again.
 */
export async function endAllSessions(tx: Tx, userId: string): Promise<number> {
  const { sessionVersion } = await tx.user.update({
    where: { id: userId },
    data: { sessionVersion: { increment: 1 } },
    select: { sessionVersion: true },
  });
  await tx.trustedDevice.deleteMany({ where: { userId } });
  return sessionVersion;
}
