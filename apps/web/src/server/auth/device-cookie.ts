import "server-only";
import { cookies } from "next/headers";
import { authEnv } from "../env.ts";
import { secureCookiesFor } from "./session-cookies.ts";

/**
 * OWASP "device cookies": a browser that has signed in to an account before presents a device token,
 * and user-svc throttles it apart from strangers, so an attacker guessing at an email cannot lock its
 * owner out. The token is 32 random bytes issued by user-svc, which stores only its hash and checks it
 * against the account being signed in to — unforgeable like a signature, and revocable (a password
 * reset, a password change or a Google takeover drops the account's devices).
 *
 * One cookie holds the tokens of the last few accounts used in this browser, newest first. It is sent
 * only to /api/auth (where sign-in happens), httpOnly, SameSite=Lax, Secure like the session cookie.
 */
const NAME = "shop.device";
const PATH = "/api/auth";
const MAX_TOKENS = 5;
const MAX_AGE_SECONDS = 365 * 24 * 60 * 60;
const TOKEN_SHAPE = /^[\w-]{20,64}$/;

/** The device tokens in a Cookie header (malformed entries are ignored). */
export function deviceTokensFrom(cookieHeader: string | undefined): string[] {
  if (!cookieHeader) return [];
  for (const pair of cookieHeader.split(";")) {
    const [name, ...rest] = pair.trim().split("=");
    if (name === NAME) {
      return rest
        .join("=")
        .split(".")
        .filter((t) => TOKEN_SHAPE.test(t))
        .slice(0, MAX_TOKENS);
    }
  }
  return [];
}

/** The cookie value after adding `token` in front of the ones the browser already had. */
export function withDeviceToken(existing: readonly string[], token: string): string {
  return [token, ...existing.filter((t) => t !== token)].slice(0, MAX_TOKENS).join(".");
}

/** Stores the browser's tokens (called from the credentials callback's request). */
export async function rememberDevice(existing: readonly string[], token: string): Promise<void> {
  const env = authEnv();
  (await cookies()).set(NAME, withDeviceToken(existing, token), {
    path: PATH,
    httpOnly: true,
    sameSite: "lax",
    secure: secureCookiesFor(env.NODE_ENV, env.NEXTAUTH_URL),
    maxAge: MAX_AGE_SECONDS,
  });
}
