import "server-only";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { signInPath } from "../../lib/callback-url.ts";
import { PATHNAME_HEADER } from "../../server/http/request-path.ts";
import { currentSessionUser, type SessionUser } from "../../server/session.ts";

/**
 * Admin pages render only for admins: visitors are sent to sign in (and back here afterwards),
 * signed-in non-admins get a 404 so the admin area is not advertised. This is the page-level gate;
 * every admin call is refused by the services for non-admins as well.
 */
export async function requireAdminPage(): Promise<SessionUser> {
  const user = await currentSessionUser();
  if (!user) {
    const path = (await headers()).get(PATHNAME_HEADER) ?? "/admin";
    redirect(signInPath(path.startsWith("/admin") ? path : "/admin"));
  }
  if (user.role !== "ADMIN") notFound();
  return user;
}
