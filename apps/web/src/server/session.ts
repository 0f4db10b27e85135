import "server-only";
import type { Caller } from "@shop/service-kit/auth";

/** The signed-in person as the BFF sees them; next-auth's session will be mapped onto this. */
export interface SessionUser {
  id: string;
  role: "SHOPPER" | "ADMIN";
  email?: string | undefined;
}

/**
 * Who is making the current request. Sign-in is not wired up yet (next-auth arrives in a later
 * change), so everyone is anonymous; this is the single place where the session will be read.
 */
export async function currentSessionUser(): Promise<SessionUser | null> {
  return null;
}

/** Anonymous visitors are relayed to services under the BFF's own name with the GUEST role. */
export const ANONYMOUS_CALLER: Caller = { sub: "web-bff", role: "GUEST" };

export function callerFor(user: SessionUser | null): Caller {
  return user ? { sub: user.id, role: user.role, email: user.email } : ANONYMOUS_CALLER;
}
