import "server-only";
import { redirect } from "next/navigation";
import { signInPath } from "../lib/callback-url.ts";
import { currentSessionUser, type SessionUser } from "./session.ts";

/** The signed-in user, or a redirect to sign-in that brings them back to `returnTo`. */
export async function requireSignedInUser(returnTo: string): Promise<SessionUser> {
  const user = await currentSessionUser();
  if (!user) redirect(signInPath(returnTo));
  return user;
}
