import { expect, test } from "@playwright/test";

const directives = (policy: string) =>
  new Map(
    policy
      .split(";")
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...values]) => [name as string, values]),
  );

test("pages carry a nonce-based CSP and the other security headers", async ({ request }) => {
  const first = await request.get("/");
  const second = await request.get("/");
  const headers = first.headers();
  const policy = headers["content-security-policy"] ?? "";
  const scriptSrc = directives(policy).get("script-src") ?? [];

  const nonce = scriptSrc.find((value) => value.startsWith("'nonce-"));
  expect(nonce, "script-src has a nonce").toBeDefined();
  expect(scriptSrc).not.toContain("'unsafe-inline'");
  expect(scriptSrc).not.toContain("'unsafe-eval'");
  expect(directives(policy).get("frame-ancestors")).toEqual(["'none'"]);
  expect(directives(policy).get("object-src")).toEqual(["'none'"]);
  // A fresh nonce per response, and it is the one on the page's script tags.
  expect(second.headers()["content-security-policy"]).not.toBe(policy);
  const nonceValue = nonce?.slice("'nonce-".length, -1) ?? "";
  expect(await first.text()).toContain(`nonce="${nonceValue}"`);

  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"]).toContain("camera=()");
  // The e2e stack serves `next start`, i.e. NODE_ENV=production: HSTS is on (browsers ignore it over http).
  expect(headers["strict-transport-security"]).toMatch(/^max-age=\d+/);
});

test("API responses and static assets get the security headers too", async ({ request, page }) => {
  const api = await request.get("/api/auth/csrf");
  expect(api.headers()["x-content-type-options"]).toBe("nosniff");
  expect(api.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");

  await page.goto("/");
  const scriptUrl = await page.locator('script[src^="/_next/static/"]').first().getAttribute("src");
  const asset = await request.get(scriptUrl ?? "");
  expect(asset.ok()).toBe(true);
  expect(asset.headers()["x-content-type-options"]).toBe("nosniff");
});

test("pages work under the CSP: no violations, and client-side code runs", async ({ page }) => {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (execute|load|apply|connect)/i.test(message.text())) {
      problems.push(message.text());
    }
  });
  page.on("pageerror", (error) => problems.push(error.message));
  // The browser reports each violation as an event in the page; forward them (on every page visited).
  await page.exposeFunction("reportCspViolation", (text: string) => problems.push(`CSP: ${text}`));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { reportCspViolation: (text: string) => void }).reportCspViolation;
      report(`${event.violatedDirective} blocked ${event.blockedURI}`);
    });
  });

  await page.goto("/");
  // "Load more" is a client component calling the BFF over tRPC: it only works once hydrated.
  await expect(page.getByRole("article")).toHaveCount(12);
  await page.getByRole("button", { name: "Load more products" }).click();
  await expect(page.getByRole("article")).toHaveCount(24);

  await page.goto("/signin");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Enter your email and password."); // client-side check ran

  await page.goto("/products/cast-iron-skillet-26-cm");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

  expect(problems).toEqual([]);
});
