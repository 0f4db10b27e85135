import { type APIRequestContext, expect, test } from "@playwright/test";
import { newShopper, signUp, uniqueClientIp } from "./support/accounts.ts";

test.use({ extraHTTPHeaders: { "x-forwarded-for": uniqueClientIp() } });

/** callbackUrl values that a browser would follow to another host if passed through unnormalised. */
const PROBES = [
  "/..//evil.example",
  "/.//evil.example",
  "/%2e%2e//evil.example",
  "/%2E%2E/%2F/evil.example",
  "/a/../..//evil.example/x?y=1",
  "/%2f%2fevil.example",
  "/\\evil.example",
  "/%5c%5cevil.example",
  "/\t/evil.example",
  "//evil.example",
  "https://evil.example/",
];

/**
 * The site is the stack's web app, reached as 127.0.0.1 (baseURL) or localhost (NEXTAUTH_URL, which
 * next-auth's own answers use): either host on the web port is this site, anything else is not.
 */
function expectOnSite(target: string | null | undefined, site: string, probe: string) {
  expect(target, `no redirect target for ${probe}`).toBeTruthy();
  const resolved = new URL(target as string, site);
  const own = new URL(site);
  expect(`${resolved.protocol}//${resolved.port}`, `${probe} → ${target}`).toBe(
    `${own.protocol}//${own.port}`,
  );
  expect(["127.0.0.1", "localhost"], `${probe} → ${target}`).toContain(resolved.hostname);
}

async function csrf(request: APIRequestContext): Promise<string> {
  return ((await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string }).csrfToken;
}

test("no callbackUrl leads off-site: sign-in, sign-up, the credentials callback and sign-out", async ({
  page,
  baseURL,
}) => {
  const site = baseURL ?? "";
  const shopper = newShopper("Redirect Prober");
  await signUp(page, shopper, "/", { verify: false });
  const request = page.request;

  for (const probe of PROBES) {
    const query = `callbackUrl=${encodeURIComponent(probe)}`;
    // Signed in, /signin and /signup send the visitor straight on to the callback path.
    for (const path of ["/signin", "/signup"]) {
      const response = await request.get(`${path}?${query}`, { maxRedirects: 0 });
      expect(response.status(), `${path} ${probe}`).toBeGreaterThanOrEqual(300);
      expectOnSite(response.headers().location, site, `${path} ${probe}`);
    }
    // The credentials callback answers with the URL the page will go to.
    const signedIn = await request.post("/api/auth/callback/credentials", {
      form: {
        csrfToken: await csrf(request),
        email: shopper.email,
        password: shopper.password,
        callbackUrl: probe,
        json: "true",
      },
      maxRedirects: 0,
    });
    expectOnSite(((await signedIn.json()) as { url?: string }).url, site, `credentials ${probe}`);
  }
  // Sign-out last (it ends the session the probes above used).
  for (const probe of PROBES) {
    const signedOut = await request.post("/api/auth/signout", {
      form: { csrfToken: await csrf(request), callbackUrl: probe, json: "true" },
      maxRedirects: 0,
    });
    expectOnSite(((await signedOut.json()) as { url?: string }).url, site, `signout ${probe}`);
  }
});

test("a sign-in through the form with a crafted callbackUrl ends on this site", async ({ page, baseURL }) => {
  const shopper = newShopper("Form Prober");
  await signUp(page, shopper, "/", { verify: false });
  await page.context().clearCookies();
  await page.goto(`/signin?callbackUrl=${encodeURIComponent("/..//evil.example")}`);
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeEnabled();
  await page.getByLabel("Email").fill(shopper.email);
  await page.getByLabel("Password").fill(shopper.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeHidden();
  expectOnSite(page.url(), baseURL ?? "", "the sign-in form");
});
