import "server-only";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { signInPath } from "../lib/callback-url.ts";
import { PATHNAME_HEADER } from "./http/request-path.ts";
import { currentSessionUser, type SessionUser } from "./session.ts";

/** The signed-in user, or a redirect to sign-in that brings them back to `returnTo`. */
export async function requireSignedInUser(returnTo: string): Promise<SessionUser> {
  const user = await currentSessionUser();
  if (!user) redirect(signInPath(returnTo));
  return user;
}

/**
 * Admin pages render only for admins: visitors are sent to sign in (and back here afterwards),
 * signed-in non-admins get a 404 so the admin area is not advertised. This is the page-level gate;
 * every admin call is refused by the BFF (adminProcedure) and the services for non-admins as well.
 */
export async function requireAdminPage(): Promise<SessionUser> {
  const user = await requireSignedInUser(await requestedAdminPath());
  if (user.role !== "ADMIN") notFound();
  return user;
}

/** The admin page asked for (layouts are not told, so the proxy passes it on); never outside /admin. */
async function requestedAdminPath(): Promise<string> {
  const path = (await headers()).get(PATHNAME_HEADER) ?? "/admin";
  return path.startsWith("/admin") ? path : "/admin";
}
