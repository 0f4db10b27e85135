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
import { secureCookiesFor } from "./session-cookies.ts";

/**
 * How long a session lasts without being used. The role inside it is fixed at sign-in, so this also
 * bounds how long a demoted admin's session keeps saying ADMIN (services trust the relayed role).
 */
const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

export const SIGN_IN_PAGE = "/signin";

let options: NextAuthOptions | undefined;

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
      jwt({ token, user, account }) {
        // `user` is present only at sign-in: copy the shop identity into the token once.
        if (user) {
          if (!user.role) {
            // A Google sign-in whose account link did not happen; never issue a session for it.
            throw new Error(`sign-in via ${account?.provider ?? "unknown provider"} carried no shop role`);
          }
          token.sub = user.id;
          token.role = user.role;
          token.email = user.email ?? null;
          token.name = user.name ?? null;
        }
        return token;
      },
      session({ session, token }) {
        if (token.sub && token.role) {
          session.user = {
            id: token.sub,
            role: token.role,
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
      error: (code, metadata) => log.error({ code, metadata }, "next-auth error"),
      warn: (code) => log.warn({ code }, "next-auth warning"),
      debug: (code, metadata) => log.debug({ code, metadata }, "next-auth debug"),
    },
  };
}
