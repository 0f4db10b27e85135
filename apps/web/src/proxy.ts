import { type NextRequest, NextResponse } from "next/server";
import { TRUSTED_PROXY_HOPS_VAR, trustedProxyHops } from "./server/http/client-ip.ts";
import { PATHNAME_HEADER } from "./server/http/request-path.ts";
import { contentSecurityPolicy, createNonce } from "./server/http/security-headers.ts";

// Read once: the proxy is long-lived in `next start`, and a bad TRUSTED_PROXY_HOPS should fail the
// first request loudly rather than quietly trust a client-supplied address.
const hops = trustedProxyHops(process.env[TRUSTED_PROXY_HOPS_VAR]);
const development = process.env.NODE_ENV === "development";
const httpsSite = (process.env.NEXTAUTH_URL ?? "").startsWith("https://");

/**
 * Runs before every page and API route (not before hashed static assets):
 * - a fresh CSP nonce per request; Next.js reads it from the request's Content-Security-Policy
 *   header and puts it on its own scripts, which is why every page must render dynamically;
 * - drops a client-sent X-Forwarded-For when no proxy of ours is in front (see client-ip.ts);
 * - tells server components which path is being rendered.
 */
export function proxy(request: NextRequest) {
  const nonce = createNonce();
  const policy = contentSecurityPolicy({ nonce, development, upgradeInsecureRequests: httpsSite });

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", policy);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set(PATHNAME_HEADER, `${request.nextUrl.pathname}${request.nextUrl.search}`);
  if (hops === 0) requestHeaders.delete("x-forwarded-for");

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  // Everything except build assets, which are immutable files with no scripts to protect; their
  // other security headers come from next.config.ts.
  matcher: ["/((?!_next/static|_next/image).*)"],
};
