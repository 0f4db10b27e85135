import { describe, expect, it } from "vitest";
import { safeCallbackPath, signInPath } from "./callback-url.ts";

const SITE = "http://localhost:3000";

describe("safeCallbackPath", () => {
  it("keeps same-site paths with their query and hash", () => {
    expect(safeCallbackPath("/cart")).toBe("/cart");
    expect(safeCallbackPath("/?q=skillet&category=kitchen#results")).toBe(
      "/?q=skillet&category=kitchen#results",
    );
    expect(safeCallbackPath("/admin/products")).toBe("/admin/products");
  });

  it("accepts absolute URLs only on the site's own origin", () => {
    expect(safeCallbackPath("http://localhost:3000/orders/1", SITE)).toBe("/orders/1");
    expect(safeCallbackPath("http://localhost:3001/orders/1", SITE)).toBe("/");
    expect(safeCallbackPath("https://localhost:3000/orders/1", SITE)).toBe("/");
    expect(safeCallbackPath("https://evil.example/", SITE)).toBe("/");
    // Without a known origin, absolute URLs are refused outright.
    expect(safeCallbackPath("http://localhost:3000/orders/1")).toBe("/");
  });

  it("refuses tricks that browsers resolve to another host", () => {
    expect(safeCallbackPath("//evil.example/path")).toBe("/");
    expect(safeCallbackPath("/\\evil.example")).toBe("/");
    expect(safeCallbackPath("\\\\evil.example")).toBe("/");
    expect(safeCallbackPath("/\t/evil.example")).toBe("/");
    expect(safeCallbackPath("javascript:alert(1)", SITE)).toBe("/");
    expect(safeCallbackPath("data:text/html,hi", SITE)).toBe("/");
    expect(safeCallbackPath("evil.example")).toBe("/");
  });

  it("judges the path after normalisation: dot segments and encodings cannot reach another host", () => {
    const offSite = [
      "/..//evil.example",
      "/.//evil.example",
      "/./..//evil.example/path?x=1",
      "/%2e%2e//evil.example",
      "/%2E%2E//evil.example",
      "/.%2e//evil.example",
      "/a/../..//evil.example",
      "/%2f%2fevil.example",
      "/%2F/evil.example",
      "/%5c%5cevil.example",
      "/%5cevil.example",
      "/..%2f%2fevil.example",
      "/..\\evil.example",
      "/%09/evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      "http://localhost:3000/..//evil.example",
      "http://localhost:3000//evil.example",
    ];
    for (const raw of offSite) {
      const result = safeCallbackPath(raw, SITE);
      expect(result, raw).toBe("/");
      // Whatever comes back resolves to this site when a browser follows it.
      expect(new URL(result, SITE).origin, raw).toBe(SITE);
    }
    // Harmless dot segments are resolved, not refused.
    expect(safeCallbackPath("/orders/../cart")).toBe("/cart");
    expect(safeCallbackPath("/./cart?step=2")).toBe("/cart?step=2");
    expect(safeCallbackPath("/products/a%20lamp")).toBe("/products/a%20lamp");
  });

  it("falls back to the home page for missing values and the sign-in pages themselves", () => {
    expect(safeCallbackPath(undefined)).toBe("/");
    expect(safeCallbackPath(null)).toBe("/");
    expect(safeCallbackPath("")).toBe("/");
    expect(safeCallbackPath("/signin?callbackUrl=/cart")).toBe("/");
    expect(safeCallbackPath("/signup")).toBe("/");
    expect(safeCallbackPath("/api/auth/signout")).toBe("/");
    expect(safeCallbackPath("/reset-password")).toBe("/");
  });
});

describe("signInPath", () => {
  it("carries a safe return path, and drops an unsafe one", () => {
    expect(signInPath("/admin/products?q=lamp")).toBe("/signin?callbackUrl=%2Fadmin%2Fproducts%3Fq%3Dlamp");
    expect(signInPath("//evil.example")).toBe("/signin");
    expect(signInPath("/")).toBe("/signin");
  });
});
