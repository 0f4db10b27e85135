/**
 * The client IP that services rate-limit by (signed into the internal token as `ip`).
 *
 * X-Forwarded-For is a list each proxy appends its peer's address to, so only the entries added by
 * proxies we run can be trusted; whatever the client sent comes first and is free to forge. With
 * TRUSTED_PROXY_HOPS=N (N proxies of ours in front of the app), the client is the N-th entry from
 * the right. With N=0 (the app is exposed directly, as `npm start` does), src/proxy.ts deletes the
 * header the client sent, and Next.js then fills it with the socket's peer address (its
 * `x-forwarded-for ??= socket.remoteAddress`), so the one remaining entry is the real peer.
 *
 * No Next imports: this runs in src/proxy.ts as well as in server code.
 */

export const TRUSTED_PROXY_HOPS_VAR = "TRUSTED_PROXY_HOPS";
const MAX_HOPS = 10;

/** Parses TRUSTED_PROXY_HOPS (default 0); a bad value fails loudly rather than trusting the wrong hop. */
export function trustedProxyHops(raw: string | undefined = process.env[TRUSTED_PROXY_HOPS_VAR]): number {
  const text = raw?.trim() ?? "";
  if (text === "") return 0;
  const hops = Number(text);
  if (!/^\d+$/.test(text) || hops > MAX_HOPS) {
    throw new Error(`${TRUSTED_PROXY_HOPS_VAR} must be a whole number from 0 to ${MAX_HOPS}; got "${raw}"`);
  }
  return hops;
}

// Characters of IPv4 and IPv6 addresses (incl. an IPv4-mapped tail); anything else is not an address.
const ADDRESS = /^[0-9a-f:.]{2,45}$/i;

/**
 * Picks the client address out of an X-Forwarded-For value. Returns undefined when there is no
 * plausible address, and callers then send none (the service puts all such calls in one bucket).
 */
export function clientIpFromForwardedFor(
  forwardedFor: string | null | undefined,
  hops: number,
): string | undefined {
  const entries = (forwardedFor ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) return undefined;
  // Fewer entries than trusted hops means the request came through fewer proxies than configured
  // (e.g. from inside the network): the leftmost entry is then the closest thing to the client.
  const index = Math.max(0, entries.length - Math.max(1, hops));
  const candidate = normalizeAddress(entries[index] ?? "");
  return candidate && ADDRESS.test(candidate) ? candidate : undefined;
}

/** "::ffff:10.0.0.1" and "10.0.0.1" are one client; so are "[::1]" and "::1". */
function normalizeAddress(entry: string): string {
  const unbracketed = entry.replace(/^\[(.*)\]$/, "$1");
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(unbracketed);
  return (mapped?.[1] ?? unbracketed).toLowerCase();
}

/** Headers as a Fetch `Headers` or as the plain object next-auth hands to `authorize`. */
export type HeaderSource = Headers | Record<string, string | string[] | undefined>;

export function clientIpFromHeaders(headers: HeaderSource, hops = trustedProxyHops()): string | undefined {
  const value = headers instanceof Headers ? headers.get("x-forwarded-for") : headers["x-forwarded-for"];
  return clientIpFromForwardedFor(Array.isArray(value) ? value.join(",") : value, hops);
}
