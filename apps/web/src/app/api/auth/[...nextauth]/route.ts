import type { NextRequest } from "next/server";
import NextAuth from "next-auth";
import { authOptions } from "../../../../server/auth/options.ts";

interface NextAuthRouteContext {
  params: Promise<{ nextauth: string[] }>;
}

/**
 * next-auth's endpoints (/api/auth/csrf, /signin/:provider, /callback/:provider, /session, /signout).
 * The options are built per process on first request, not at import: `next build` imports this
 * module and must not need NEXTAUTH_SECRET.
 */
async function handleAuth(request: NextRequest, context: NextAuthRouteContext): Promise<Response> {
  return (await NextAuth(request, context, authOptions())) as Response;
}

export { handleAuth as GET, handleAuth as POST };
