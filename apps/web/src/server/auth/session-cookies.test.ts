import { describe, expect, it } from "vitest";
import { hasSessionCookie, secureCookiesFor } from "./session-cookies.ts";

describe("session cookies", () => {
  it("are Secure in production and on https, except a local production build over http", () => {
    expect(secureCookiesFor("production", "https://shop.example")).toBe(true);
    expect(secureCookiesFor("production", "http://shop.example")).toBe(true);
    expect(secureCookiesFor("production", undefined)).toBe(true);
    expect(secureCookiesFor("production", "http://localhost:3000")).toBe(false);
    expect(secureCookiesFor("production", "http://127.0.0.1:3100")).toBe(false);
    expect(secureCookiesFor("development", "http://localhost:3000")).toBe(false);
    expect(secureCookiesFor("development", "https://dev.shop.example")).toBe(true);
  });

  it("are recognised in plain, Secure and chunked form only", () => {
    expect(hasSessionCookie("a=1; next-auth.session-token=xyz")).toBe(true);
    expect(hasSessionCookie("__Secure-next-auth.session-token=xyz")).toBe(true);
    expect(hasSessionCookie("next-auth.session-token.0=x; next-auth.session-token.1=y")).toBe(true);
    expect(hasSessionCookie("next-auth.csrf-token=abc; next-auth.callback-url=%2F")).toBe(false);
    expect(hasSessionCookie("evil-next-auth.session-token=1")).toBe(false);
    expect(hasSessionCookie(null)).toBe(false);
  });
});
