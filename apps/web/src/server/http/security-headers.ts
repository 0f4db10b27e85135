/**
 * The response headers that protect every page. The Content-Security-Policy is built per request
 * (src/proxy.ts) because it carries a fresh script nonce; the rest are static (next.config.ts).
 * No Next imports: used by next.config.ts and the proxy alike.
 */

export interface CspOptions {
  /** Base64 nonce for this response; Next.js puts it on its own script tags. */
  nonce: string;
  /** `next dev` needs eval (React's error overlays) and a websocket for hot reload. */
  development: boolean;
  /** Only over HTTPS: on plain http://localhost it would send every asset request to https. */
  upgradeInsecureRequests: boolean;
}

export function contentSecurityPolicy({ nonce, development, upgradeInsecureRequests }: CspOptions): string {
  const directives: string[] = [
    "default-src 'self'",
    // 'strict-dynamic': scripts that nonce-bearing scripts load (Next's chunks) are trusted too;
    // CSP3 browsers then ignore 'self', which stays for older ones.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    // Inline style attributes (React's style={…}) cannot carry a nonce, and a nonce in style-src
    // would make browsers ignore 'unsafe-inline'. Styles cannot run code; scripts are what CSP guards.
    "style-src 'self' 'unsafe-inline'",
    // Product images may be https:// URLs (product-svc allows them); data:/blob: for generated ones.
    "img-src 'self' data: blob: https:",
    "font-src 'self'",
    `connect-src 'self'${development ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  if (upgradeInsecureRequests) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

/** 128 random bits, base64: unguessable per response, as CSP nonces must be. */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

export interface StaticHeaderOptions {
  production: boolean;
}

/** Headers that do not change per request, for every response including static assets. */
export function staticSecurityHeaders({ production }: StaticHeaderOptions): { key: string; value: string }[] {
  const headers = [
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    // For browsers without CSP frame-ancestors.
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
    // The shop uses none of these; denying them means injected or third-party code cannot either.
    {
      key: "Permissions-Policy",
      value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), browsing-topics=()",
    },
  ];
  if (production) {
    // Browsers ignore HSTS received over plain HTTP, so this is harmless on http://localhost.
    headers.push({ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" });
  }
  return headers;
}
