import { toUpstreamError } from "@shop/service-kit/errors";
import { TRPCError } from "@trpc/server";
import type { UserClient } from "../clients/user-client.ts";

/**
 * Who an order is for, asked of user-svc — the owner of accounts — at the moment of checkout rather
 * than taken from the caller's token: orders (and their confirmation emails) go only to an address
 * the shopper has verified, and to the account's current address, not one a session remembered.
 * One service call per placed order; a replayed checkout (same idempotency key) does not ask again.
 */
export async function verifiedBuyerEmail(users: UserClient, userId: string): Promise<string> {
  const account = await users.users.byId.query({ id: userId }).catch((error: unknown) => {
    const failure = toUpstreamError(error);
    if (failure.code === "NOT_FOUND") {
      throw new TRPCError({ code: "PRECONDITION_FAILED", message: "This account no longer exists" });
    }
    throw failure;
  });
  if (!account.emailVerified) {
    throw new TRPCError({
      code: "PRECONDITION_FAILED",
      message: "Verify your email address before placing an order",
    });
  }
  return account.email;
}
