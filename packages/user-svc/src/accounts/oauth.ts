import { TRPCError } from "@trpc/server";
import type { z } from "zod";
import type { Db } from "../db.ts";
import { Prisma } from "../generated/prisma/client.ts";
import type { oauthUserInput } from "../router/auth.schema.ts";
import { sessionUserSelect } from "./selects.ts";
import { endAllSessions } from "./sessions.ts";

export type OAuthUserInput = z.output<typeof oauthUserInput>;

/**
 * Finds or creates the account behind a Google identity.
 *
 * Linking to an existing account happens only when Google vouches for the email. Then:
 * - the account's email is verified (its owner proved the mailbox): Google is linked and the password
 *   stays — the same person has two ways in;
 * - the account's email was never verified: nobody has shown that the password's owner owns the
 *   address, and it may be an attacker's pre-registration of the victim's email ("pre-account
 *   hijacking"). The Google identity takes the account over: the password is removed, every session
 *   and trusted device of it ends, pending codes and reset links die, the name becomes Google's. The
 *   rightful owner can set a
 *   password again with "forgot password".
 */
export async function linkOrCreateOAuthUser(db: Db, input: OAuthUserInput) {
  const byGoogle = await db.user.findUnique({
    where: { googleSub: input.providerAccountId },
    select: sessionUserSelect,
  });
  if (byGoogle) return byGoogle;

  const byEmail = await db.user.findUnique({
    where: { email: input.email },
    select: { id: true, googleSub: true, emailVerified: true },
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
    if (byEmail.emailVerified) {
      return db.user.update({
        where: { id: byEmail.id },
        data: { googleSub: input.providerAccountId },
        select: sessionUserSelect,
      });
    }
    return takeOver(db, byEmail.id, input);
  }

  try {
    return await db.user.create({
      data: {
        email: input.email,
        name: input.name,
        googleSub: input.providerAccountId,
        emailVerified: input.emailVerified,
      },
      select: sessionUserSelect,
    });
  } catch (error) {
    // Two first sign-ins racing: the loser reads what the winner created.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const winner = await db.user.findUnique({
        where: { googleSub: input.providerAccountId },
        select: sessionUserSelect,
      });
      if (winner) return winner;
    }
    throw error;
  }
}

/** The name goes too: it was chosen by whoever pre-registered the address. */
function takeOver(db: Db, userId: string, input: OAuthUserInput) {
  return db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: userId },
      data: { googleSub: input.providerAccountId, name: input.name, emailVerified: true, passwordHash: null },
    });
    await tx.passwordReset.deleteMany({ where: { userId } });
    await tx.emailVerification.deleteMany({ where: { userId } });
    await endAllSessions(tx, userId);
    return tx.user.findUniqueOrThrow({ where: { id: userId }, select: sessionUserSelect });
  });
}
