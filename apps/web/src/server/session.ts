import "server-only";
import type { Caller } from "@shop/service-kit/auth";
import { headers } from "next/headers";
import { getServerSession, type Session } from "next-auth";
import { cache } from "react";
import { authOptions } from "./auth/options.ts";
import { hasSessionCookie } from "./auth/session-cookies.ts";

/** The signed-in person as the BFF sees them: next-auth's session, as our callbacks shaped it. */
export interface SessionUser {
  id: string;
  role: "SHOPPER" | "ADMIN";
  /** Whether user-svc has the email as verified (as of the last check, ≤ 30 s old). */
  emailVerified?: boolean;
  email?: string | undefined;
  name?: string | undefined;
}

/**
 * Who is making the current request, from the next-auth session cookie (an encrypted JWT). Server
 * components call it without arguments (it reads next/headers); the BFF route passes its Request.
 * Requests without a session cookie are anonymous straight away, with no decryption and no need for
 * NEXTAUTH_SECRET (so anonymous-only code paths and their tests run without it).
 */
export async function currentSessionUser(request?: Request): Promise<SessionUser | null> {
  const cookieHeader = request ? request.headers.get("cookie") : (await headers()).get("cookie");
  if (!hasSessionCookie(cookieHeader)) return null;
  return readSession();
}

/**
 * One decryption per server render (cache is a no-op outside React's server rendering). next-auth's
 * jwt callback has already checked the session against user-svc (session version, current role and
 * verified email; see auth/role-freshness.ts): an ended session comes back as null.
 */
const readSession = cache(async (): Promise<SessionUser | null> => {
  return sessionUserOf(await getServerSession(authOptions()));
});

function sessionUserOf(session: Session | null): SessionUser | null {
  const user = session?.user;
  if (!user?.id || (user.role !== "SHOPPER" && user.role !== "ADMIN")) return null;
  return {
    id: user.id,
    role: user.role,
    emailVerified: user.emailVerified === true,
    email: user.email ?? undefined,
    name: user.name ?? undefined,
  };
}

/** Anonymous visitors are relayed to services under the BFF's own name with the GUEST role. */
export const ANONYMOUS_CALLER: Caller = { sub: "web-bff", role: "GUEST" };

/**
 * The identity relayed to services. The role is the session's; services check it themselves. The
 * client IP (when known) lets user-svc rate-limit sign-up and sign-in per client.
 */
export function callerFor(user: SessionUser | null, ip?: string): Caller {
  const caller: Caller = user
    ? { sub: user.id, role: user.role, email: user.email }
    : { ...ANONYMOUS_CALLER };
  if (ip) caller.ip = ip;
  return caller;
}
