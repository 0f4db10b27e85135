import { TRPCError } from "@trpc/server";
import type { Prisma } from "../generated/prisma/client.ts";

type Tx = Prisma.TransactionClient;

/**
 * Ends every session of the account: sessions carry the version they were issued under, and the BFF
 * re-reads the current one at least every 30 s (apps/web/src/server/auth/role-freshness.ts).
 * Trusted devices go too: whoever held a session or a device cookie before must prove themselves again.
 * Returns the new version.
 */
export async function endAllSessions(tx: Tx, userId: string): Promise<number> {
  const raised = await tx.$queryRaw<{ session_version: number }[]>`
    UPDATE users SET session_version = session_version + 1, updated_at = now()
    WHERE id = ${userId}::uuid RETURNING session_version`;
  const version = raised[0]?.session_version;
  if (version === undefined) throw new TRPCError({ code: "NOT_FOUND", message: "Account not found" });
  await tx.trustedDevice.deleteMany({ where: { userId } });
  return version;
}
