/**
 * Session cookie settings. next-auth's defaults are kept (httpOnly, SameSite=Lax, path /); what we
 * decide is `Secure`, which next-auth otherwise derives from NEXTAUTH_URL alone.
 */

const SESSION_COOKIE = "next-auth.session-token";
/** next-auth prefixes cookie names with this when they are Secure. */
const SECURE_PREFIX = "__Secure-";

/**
 * Secure in production, and whenever the site is served over https. The one exception is a
 * production build served over plain http on this machine (`npm start`, the e2e stack): not every
 * browser keeps Secure cookies from http://localhost, and nothing there crosses a network.
 */
export function secureCookiesFor(nodeEnv: string, siteUrl: string | undefined): boolean {
  const url = siteUrl ? safeUrl(siteUrl) : undefined;
  if (url?.protocol === "https:") return true;
  if (nodeEnv !== "production") return false;
  return !(url?.protocol === "http:" && isLoopback(url.hostname));
}

function safeUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

function isLoopback(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || /^127(?:\.\d{1,3}){3}$/.test(hostname);
}

/**
 * Whether a Cookie header carries a session (possibly chunked: name.0, name.1, …), in either the
 * Secure or the plain form. Lets anonymous requests skip decrypting a session that is not there.
 */
export function hasSessionCookie(cookieHeader: string | null | undefined): boolean {
  if (!cookieHeader) return false;
  return cookieHeader.split(";").some((pair) => {
    const name = pair.split("=", 1)[0]?.trim() ?? "";
    const bare = name.startsWith(SECURE_PREFIX) ? name.slice(SECURE_PREFIX.length) : name;
    return bare === SESSION_COOKIE || bare.startsWith(`${SESSION_COOKIE}.`);
  });
}
