import { TRPCError } from "@trpc/server";
import type { Db } from "../db.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { type OAuthUserInput, publicUserSelect } from "./schemas.ts";

/**
 * Finds or creates the account behind a Google identity. Linking Google to an existing password
 * account happens only when Google vouches for the email; otherwise anyone could create a Google
 * account with a victim's address and take over their shop account.
 */
export async function linkOrCreateOAuthUser(db: Db, input: OAuthUserInput) {
  const byGoogle = await db.user.findUnique({
    where: { googleSub: input.providerAccountId },
    select: publicUserSelect,
  });
  if (byGoogle) return byGoogle;

  const byEmail = await db.user.findUnique({
    where: { email: input.email },
    select: { id: true, googleSub: true },
  });
  if (byEmail) {
    if (!input.emailVerified) {
      throw new TRPCError({
        code: "CONFLICT",
        message:
          "An account with this email exists. Sign in with your password; Google did not verify this email.",
      });
    }
    if (byEmail.googleSub && byEmail.googleSub !== input.providerAccountId) {
      throw new TRPCError({
        code: "CONFLICT",
        message: "This account is already linked to another Google identity",
      });
    }
    return db.user.update({
      where: { id: byEmail.id },
      data: { googleSub: input.providerAccountId, emailVerified: true },
      select: publicUserSelect,
    });
  }

  try {
    return await db.user.create({
      data: {
        email: input.email,
        name: input.name,
        googleSub: input.providerAccountId,
        emailVerified: input.emailVerified,
      },
      select: publicUserSelect,
    });
  } catch (error) {
    // Two first sign-ins racing: the loser reads what the winner created.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const winner = await db.user.findUnique({
        where: { googleSub: input.providerAccountId },
        select: publicUserSelect,
      });
      if (winner) return winner;
    }
    throw error;
  }
}
