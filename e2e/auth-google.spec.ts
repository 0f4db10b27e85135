import { expect, test } from "@playwright/test";
import { newShopper, signOut, signUp, uniqueClientIp, uniqueSuffix } from "./support/accounts.ts";
import { FakeOidcProvider } from "./support/fake-oidc-provider.ts";

/*
 * Google sign-in against a local OIDC provider (GOOGLE_ISSUER in playwright.config.ts points the web
 * app at it). The provider listens on a fixed port, so the tests of this file run one after another
 * in one worker.
 */
test.describe.configure({ mode: "serial" });
test.use({ extraHTTPHeaders: { "x-forwarded-for": uniqueClientIp() } });

const idp = new FakeOidcProvider();
test.beforeAll(() => idp.start());
test.afterAll(() => idp.stop());

/**
 * OAuth callbacks go to NEXTAUTH_URL, which the local stack sets to http://localhost:<port>; the
 * state and PKCE cookies must be set on that same host, so these tests browse localhost, not 127.0.0.1.
 */
function siteOrigin(baseURL: string | undefined): string {
  const url = new URL(baseURL ?? "http://localhost:3100");
  if (url.hostname === "127.0.0.1") url.hostname = "localhost";
  return url.origin;
}

const sessionCookies = async (context: import("@playwright/test").BrowserContext) =>
  (await context.cookies()).filter((cookie) => /next-auth\.session-token/.test(cookie.name));

test("a shopper signs in with Google and lands where they were going", async ({ page, context, baseURL }) => {
  const origin = siteOrigin(baseURL);
  const name = "Grace Hopper";
  idp.nextUser = {
    sub: `google-${uniqueSuffix()}`,
    email: `${uniqueSuffix()}@gmail.e2e.test`,
    emailVerified: true,
    name,
  };
  const tokenRequestsBefore = idp.tokenRequests.length;

  await page.goto(`${origin}/signin?callbackUrl=${encodeURIComponent("/products/cast-iron-skillet-26-cm")}`);
  await page.getByRole("button", { name: "Continue with Google" }).click();

  await expect(page).toHaveURL(`${origin}/products/cast-iron-skillet-26-cm`);
  await expect(page.getByRole("banner").getByRole("button", { name })).toBeVisible();
  // The code was redeemed once, with a PKCE verifier matching the challenge (checked by the provider).
  expect(idp.tokenRequests.slice(tokenRequestsBefore)).toEqual([{ ok: true }]);
  const [session] = await sessionCookies(context);
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe("Lax");
});

test("a callback with a forged state is refused: no code exchange, no session", async ({
  page,
  context,
  baseURL,
}) => {
  const origin = siteOrigin(baseURL);
  idp.nextUser = {
    sub: `google-${uniqueSuffix()}`,
    email: `${uniqueSuffix()}@gmail.e2e.test`,
    emailVerified: true,
    name: "Mallory",
  };
  idp.forgeNextState = true;
  const tokenRequestsBefore = idp.tokenRequests.length;

  await page.goto(`${origin}/signin`);
  await page.getByRole("button", { name: "Continue with Google" }).click();

  await expect(page).toHaveURL(/\/signin\?(.*&)?error=OAuthCallback/);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(
    "Google sign-in did not complete. Please try again.",
  );
  expect(idp.tokenRequests.length).toBe(tokenRequestsBefore);
  expect(await sessionCookies(context)).toEqual([]);
  await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
});

test("Google cannot take over a password account with an email it has not verified", async ({
  page,
  context,
  baseURL,
}) => {
  const origin = siteOrigin(baseURL);
  const owner = newShopper("Rightful Owner");
  await signUp(page, owner); // on baseURL's host; only the Google round trip needs NEXTAUTH_URL's

  await signOut(page, owner.name);

  idp.nextUser = {
    sub: `google-${uniqueSuffix()}`,
    email: owner.email,
    emailVerified: false,
    name: "Impostor",
  };
  await page.goto(`${origin}/signin`);
  await page.getByRole("button", { name: "Continue with Google" }).click();

  await expect(page).toHaveURL(/\/signin\?(.*&)?error=OAuthAccountNotLinked/);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(
    "An account with this email already exists. Sign in with your password instead.",
  );
  expect(await sessionCookies(context)).toEqual([]);
});

test("Google takes over an unverified account pre-registered with the victim's email", async ({
  page,
  browser,
  baseURL,
}) => {
  const origin = siteOrigin(baseURL);
  const victimEmail = `${uniqueSuffix()}@gmail.e2e.test`;
  // The attacker registers the victim's address first, with a password, and stays signed in.
  const attackerContext = await browser.newContext({
    baseURL,
    extraHTTPHeaders: { "x-forwarded-for": uniqueClientIp() },
  });
  const attacker = await attackerContext.newPage();
  const squatter = { name: "Squatter", email: victimEmail, password: "attacker-password-123" };
  await signUp(attacker, squatter, "/", { verify: false });

  // The victim signs in with Google, which has verified the address.
  idp.nextUser = {
    sub: `google-${uniqueSuffix()}`,
    email: victimEmail,
    emailVerified: true,
    name: "Real Owner",
  };
  await page.goto(`${origin}/signin`);
  await page.getByRole("button", { name: "Continue with Google" }).click();
  await expect(page.getByRole("banner").getByRole("button", { name: "Real Owner" })).toBeVisible();
  await page.goto(`${origin}/account`);
  await expect(page.getByText("(verified)")).toBeVisible();
  await expect(page.getByRole("definition").filter({ hasText: /^Not set$/ })).toBeVisible(); // no password

  // The attacker's session ended and the password is gone.
  await attacker.goto("/account");
  await expect(attacker).toHaveURL(/\/signin\?callbackUrl=%2Faccount$/);
  await attacker.getByLabel("Email").fill(victimEmail);
  await attacker.getByLabel("Password").fill(squatter.password);
  await attacker.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(attacker.getByRole("main").getByRole("alert")).toHaveText("Invalid email or password.");
  await attackerContext.close();
});
