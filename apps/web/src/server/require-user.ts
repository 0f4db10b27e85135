import "server-only";
import { notFound, redirect } from "next/navigation";
import { signInPath } from "../lib/callback-url.ts";
import { currentSessionUser, type SessionUser } from "./session.ts";

/** The signed-in user, or a redirect to sign-in that brings them back to `returnTo`. */
export async function requireSignedInUser(returnTo: string): Promise<SessionUser> {
  const user = await currentSessionUser();
  if (!user) redirect(signInPath(returnTo));
  return user;
}

/** An admin; anyone else signed in gets a 404 (admin pages are not advertised), guests the sign-in page. */
export async function requireAdmin(returnTo: string): Promise<SessionUser> {
  const user = await requireSignedInUser(returnTo);
  if (user.role !== "ADMIN") notFound();
  return user;
}
