import "server-only";
import { toUpstreamError } from "@shop/service-kit/errors";
import type { Account, Profile, User } from "next-auth";
import GoogleProvider, { type GoogleProfile } from "next-auth/providers/google";
import { SERVICE_UNAVAILABLE_CODE } from "../../lib/auth-errors.ts";
import type { AuthEnv } from "../env.ts";
import { bffLogger } from "../logger.ts";
import { forgetAccount } from "./role-freshness.ts";
import { userServiceAsBff } from "./user-service.ts";

export const GOOGLE_PROVIDER_ID = "google";

/** Google sign-in is offered only when both client credentials are configured. */
export function googleConfigured(env: AuthEnv): env is AuthEnv & {
  GOOGLE_CLIENT_ID: string;
  GOOGLE_CLIENT_SECRET: string;
} {
  return Boolean(env.GOOGLE_CLIENT_ID && env.GOOGLE_CLIENT_SECRET);
}

/**
 * Google via OpenID Connect. The endpoints come from the issuer's discovery document, so pointing
 * GOOGLE_ISSUER at another OIDC server (a local one in tests) moves all of them. next-auth's checks
 * stay as Google's provider sets them: `state` and PKCE, plus ID-token signature/issuer/audience
 * validation by openid-client.
 */
export function googleProvider(env: AuthEnv & { GOOGLE_CLIENT_ID: string; GOOGLE_CLIENT_SECRET: string }) {
  const issuer = env.GOOGLE_ISSUER.replace(/\/$/, "");
  return GoogleProvider({
    clientId: env.GOOGLE_CLIENT_ID,
    clientSecret: env.GOOGLE_CLIENT_SECRET,
    wellKnown: `${issuer}/.well-known/openid-configuration`,
  });
}

/**
 * Called from next-auth's signIn callback after Google's response has been verified: finds or
 * creates the shop account (user-svc decides about linking) and turns `user` into that account.
 *
 * Returns true, or the sign-in page URL with an error code. Without a database adapter next-auth
 * passes this same `user` object on to the jwt callback, which is how the shop id and role reach
 * the session; the jwt callback refuses a Google sign-in that did not get them (see options.ts).
 */
export async function linkGoogleAccount(
  user: User,
  account: Account,
  profile: Profile | undefined,
): Promise<true | string> {
  const google = profile as Partial<GoogleProfile> | undefined;
  const email = google?.email ?? user.email;
  if (!email) return "/signin?error=OAuthSignin";
  try {
    const shopUser = await userServiceAsBff(undefined).auth.upsertOAuthUser.mutate({
      provider: "google",
      providerAccountId: account.providerAccountId,
      email,
      // Only Google's explicit `true` counts: an unverified address must never take over an account.
      emailVerified: google?.email_verified === true,
      name: google?.name ?? user.name ?? "Shopper",
    });
    // A takeover of an unverified account ended its sessions: let this replica see that at once.
    forgetAccount(shopUser.id);
    Object.assign(user, {
      id: shopUser.id,
      email: shopUser.email,
      name: shopUser.name,
      role: shopUser.role,
      sessionVersion: shopUser.sessionVersion,
      verifiedEmail: shopUser.emailVerified,
    });
    return true;
  } catch (error) {
    const failure = toUpstreamError(error);
    if (failure.code === "CONFLICT") return "/signin?error=OAuthAccountNotLinked";
    bffLogger().error({ err: failure.cause ?? failure }, "linking a Google account failed");
    return `/signin?error=${SERVICE_UNAVAILABLE_CODE}`;
  }
}
