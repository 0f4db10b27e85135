/**
 * Where to send someone after signing in or up. Only paths on this site are allowed: an attacker's
 * link to /signin?callbackUrl=https://evil.example must not turn our sign-in page into a redirector.
 */

const FALLBACK = "/";
// Any origin works as a base: only whether the result stays on it matters.
const PROBE_ORIGIN = "http://same-origin.invalid";

/**
 * Returns a same-origin path (with query and hash) for `raw`, normalised by URL parsing against a
 * base origin, or "/" when `raw` is missing, points elsewhere (before or after normalisation), or
 * leads back into the sign-in pages. An absolute URL is accepted only when its origin
 * is `siteOrigin` (pass the page's own origin when known).
 */
export function safeCallbackPath(raw: string | null | undefined, siteOrigin?: string): string {
  if (typeof raw !== "string" || raw === "" || raw.length > 2000) return FALLBACK;
  // Browsers treat "\" like "/" and ignore tabs/newlines, so "/\evil.example" would be protocol-relative.
  if (raw.includes("\\") || hasControlCharacter(raw)) return FALLBACK;

  let url: URL;
  if (raw.startsWith("/")) {
    if (raw.startsWith("//")) return FALLBACK;
    url = new URL(raw, PROBE_ORIGIN);
    if (url.origin !== PROBE_ORIGIN) return FALLBACK;
  } else {
    if (!siteOrigin) return FALLBACK;
    try {
      url = new URL(raw);
    } catch {
      return FALLBACK;
    }
    if (url.origin !== new URL(siteOrigin).origin) return FALLBACK;
  }

  // Judge the path as the browser will use it: after dot segments are resolved and %2e is read as
  // ".", "/..//evil.example" and "/%2e%2e//evil.example" become "//evil.example", which a browser
  // would take as another host. Encoded slashes and backslashes ("/%2f%2fevil", "/%5cevil") are
  // refused too, in case anything between here and the browser decodes them.
  if (!isPlainSitePath(url.pathname)) return FALLBACK;
  const path = `${url.pathname}${url.search}${url.hash}`;
  return isAuthPage(url.pathname) ? FALLBACK : path;
}

function isPlainSitePath(pathname: string): boolean {
  if (!pathname.startsWith("/") || pathname.startsWith("//")) return false;
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return false;
  }
  // No legitimate page path has an empty segment: "//" anywhere is refused once decoded, so a decoder
  // that also resolves "/..%2f%2fevil" to "//evil" finds nothing to work with.
  return !decoded.includes("//") && !decoded.includes("\\") && !hasControlCharacter(decoded);
}

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/** Returning to these after signing in would loop or sign the person straight out again. */
function isAuthPage(pathname: string): boolean {
  return (
    pathname === "/signin" ||
    pathname === "/signup" ||
    pathname === "/forgot-password" ||
    pathname === "/reset-password" ||
    pathname.startsWith("/api/auth")
  );
}

/** The sign-in page's URL for someone who should come back to `path` afterwards. */
export function signInPath(path: string): string {
  const target = safeCallbackPath(path);
  return target === FALLBACK ? "/signin" : `/signin?callbackUrl=${encodeURIComponent(target)}`;
}
