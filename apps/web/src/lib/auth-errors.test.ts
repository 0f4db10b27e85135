import { describe, expect, it } from "vitest";
import { rateLimitedCode, signInErrorMessage } from "./auth-errors.ts";

describe("sign-in error messages", () => {
  it("tells a rate-limited person how long to wait", () => {
    expect(signInErrorMessage(rateLimitedCode(42))).toBe("Too many attempts — try again in 42 seconds.");
    expect(signInErrorMessage(rateLimitedCode(1))).toBe("Too many attempts — try again in 1 second.");
    expect(signInErrorMessage(rateLimitedCode(0.2))).toBe("Too many attempts — try again in 1 second.");
    expect(signInErrorMessage(rateLimitedCode(900))).toBe("Too many attempts — try again in 15 minutes.");
    expect(signInErrorMessage("TooManyAttempts:oops")).toBe(
      "Too many attempts — please wait a while and try again.",
    );
  });

  it("explains next-auth's codes and never echoes an unknown one", () => {
    expect(signInErrorMessage("CredentialsSignin")).toBe("Invalid email or password.");
    expect(signInErrorMessage("OAuthCallback")).toMatch(/Google sign-in did not complete/);
    expect(signInErrorMessage("<script>alert(1)</script>")).toBe("Sign-in failed. Please try again.");
    expect(signInErrorMessage(null)).toBeNull();
  });
});
