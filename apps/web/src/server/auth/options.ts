import "server-only";
import type { NextAuthOptions } from "next-auth";
import { safeCallbackPath } from "../../lib/callback-url.ts";
import { type AuthEnv, authEnv } from "../env.ts";
import { bffLogger } from "../logger.ts";
import { credentialsProvider } from "./credentials-provider.ts";
import {
  GOOGLE_PROVIDER_ID,
  googleConfigured,
  googleProvider,
  linkGoogleAccount,
} from "./google-provider.ts";
import { currentAccount } from "./role-freshness.ts";
import { secureCookiesFor } from "./session-cookies.ts";

/**
 * How long a session lasts without being used. Role and session version are re-checked against
 * user-svc on every use (role-freshness.ts), so a session can end long before this.
 */
const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

export const SIGN_IN_PAGE = "/signin";

let options: NextAuthOptions | undefined;

/**
 * Thrown by the jwt callback when the account's session version moved on (signed out everywhere,
 * password changed or reset, taken over by Google) or the account is gone. next-auth then answers
 * as signed out and deletes the session cookie.
 */
export class SessionEndedError extends Error {
  override readonly name = "SessionEndedError";
}
const isSessionEnded = (metadata: unknown) =>
  metadata instanceof SessionEndedError ||
  (metadata as { error?: unknown } | undefined)?.error instanceof SessionEndedError;

/**
 * next-auth's configuration, built on first use: it needs NEXTAUTH_SECRET, which must not be
 * required while `next build` imports the route modules.
 */
export function authOptions(): NextAuthOptions {
  options ??= buildAuthOptions(authEnv());
  return options;
}

function buildAuthOptions(env: AuthEnv): NextAuthOptions {
  const log = bffLogger().child({ component: "next-auth" });
  return {
    secret: env.NEXTAUTH_SECRET,
    providers: [credentialsProvider(), ...(googleConfigured(env) ? [googleProvider(env)] : [])],
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    // next-auth's cookie defaults (httpOnly, SameSite=Lax) stay; only Secure is decided here.
    useSecureCookies: secureCookiesFor(env.NODE_ENV, env.NEXTAUTH_URL),
    // Errors land on the sign-in page too (`?error=<code>`), which explains them.
    pages: { signIn: SIGN_IN_PAGE, error: SIGN_IN_PAGE },
    callbacks: {
      async signIn({ user, account, profile }) {
        if (account?.provider === GOOGLE_PROVIDER_ID) return linkGoogleAccount(user, account, profile);
        return true;
      },
      async jwt({ token, user, account }) {
        // `user` is present only at sign-in: copy the shop identity into the token once.
        if (user) {
          if (!user.role) {
            // A Google sign-in whose account link did not happen; never issue a session for it.
            throw new Error(`sign-in via ${account?.provider ?? "unknown provider"} carried no shop role`);
          }
          token.sub = user.id;
          token.role = user.role;
          token.sv = user.sessionVersion ?? 1;
          token.emailVerified = user.verifiedEmail ?? false;
          token.email = user.email ?? null;
          token.name = user.name ?? null;
          return token;
        }
        // Every later use of the session (page render, BFF call, /api/auth/session): is it still valid,
        // and what are the account's role and verified state now? (cached up to 30 s per user)
        if (!token.sub || !token.role) return token;
        const now = await currentAccount(token.sub, { role: token.role, sessionVersion: token.sv ?? 1 });
        if (!now) throw new SessionEndedError("session ended by a newer session version");
        token.role = now.role;
        token.emailVerified = now.emailVerified;
        return token;
      },
      session({ session, token }) {
        if (token.sub && token.role) {
          session.user = {
            id: token.sub,
            role: token.role,
            emailVerified: token.emailVerified ?? false,
            email: token.email ?? null,
            name: token.name ?? null,
          };
        }
        return session;
      },
      // Same-origin targets only. next-auth's default checks the same, but only against NEXTAUTH_URL.
      redirect({ url, baseUrl }) {
        return new URL(safeCallbackPath(url, baseUrl), baseUrl).toString();
      },
    },
    logger: {
      error: (code, metadata) => {
        // An ended session is the system working, not an error.
        if (isSessionEnded(metadata)) log.info({ code }, "session ended: signed out");
        else log.error({ code, metadata }, "next-auth error");
      },
      warn: (code) => log.warn({ code }, "next-auth warning"),
      debug: (code, metadata) => log.debug({ code, metadata }, "next-auth debug"),
    },
  };
}
