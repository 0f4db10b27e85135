import { describe, expect, it } from "vitest";
import { clientIpFromForwardedFor, clientIpFromHeaders, trustedProxyHops } from "./client-ip.ts";

describe("clientIpFromForwardedFor", () => {
  it("with no proxy in front, uses the single entry Next.js filled in from the socket", () => {
    expect(clientIpFromForwardedFor("203.0.113.9", 0)).toBe("203.0.113.9");
  });

  it("behind N trusted proxies, takes the N-th entry from the right, ignoring what the client prepended", () => {
    expect(clientIpFromForwardedFor("6.6.6.6, 203.0.113.9", 1)).toBe("203.0.113.9");
    expect(clientIpFromForwardedFor("6.6.6.6, 203.0.113.9, 10.0.0.2", 2)).toBe("203.0.113.9");
    // Fewer entries than hops: the request skipped some proxies; the leftmost is the best guess.
    expect(clientIpFromForwardedFor("203.0.113.9", 2)).toBe("203.0.113.9");
  });

  it("normalizes IPv4-mapped and bracketed IPv6 addresses, and rejects non-addresses", () => {
    expect(clientIpFromForwardedFor("::ffff:127.0.0.1", 0)).toBe("127.0.0.1");
    expect(clientIpFromForwardedFor("[2001:DB8::1]", 0)).toBe("2001:db8::1");
    expect(clientIpFromForwardedFor("not-an-ip", 0)).toBeUndefined();
    expect(clientIpFromForwardedFor("", 0)).toBeUndefined();
    expect(clientIpFromForwardedFor(null, 1)).toBeUndefined();
  });

  it("reads Fetch headers and next-auth's plain header objects alike", () => {
    expect(clientIpFromHeaders(new Headers({ "x-forwarded-for": "1.2.3.4, 5.6.7.8" }), 1)).toBe("5.6.7.8");
    expect(clientIpFromHeaders({ "x-forwarded-for": "1.2.3.4" }, 0)).toBe("1.2.3.4");
    expect(clientIpFromHeaders({}, 0)).toBeUndefined();
  });
});

describe("trustedProxyHops", () => {
  it("defaults to 0 and refuses values it cannot trust", () => {
    expect(trustedProxyHops(undefined)).toBe(0);
    expect(trustedProxyHops(" 2 ")).toBe(2);
    expect(() => trustedProxyHops("-1")).toThrow(/TRUSTED_PROXY_HOPS/);
    expect(() => trustedProxyHops("one")).toThrow(/TRUSTED_PROXY_HOPS/);
    expect(() => trustedProxyHops("11")).toThrow(/TRUSTED_PROXY_HOPS/);
  });
});
