import { expect } from "@playwright/test";
import { accountButton, newShopper, signIn, signOut, signUp, uniqueClientIp } from "./support/accounts.ts";
import { addToCart, test } from "./support/commerce.ts";
import { resetLinkPath, verificationCode, waitForMail } from "./support/mail.ts";

// Each test is its own client as far as user-svc's per-IP limits go (see uniqueClientIp).
test.use({ extraHTTPHeaders: { "x-forwarded-for": uniqueClientIp() } });

const SKILLET = "cast-iron-skillet-26-cm";

test("an unverified shopper fills a cart, then verifies and orders in one step at checkout", async ({
  page,
}) => {
  const shopper = newShopper("Vera Unverified");
  await signUp(page, shopper, "/", { verify: false });
  await addToCart(page, SKILLET, 2);

  await page.goto("/checkout");
  await expect(page.getByRole("heading", { name: "Confirm your email address" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Verify and place order" })).toBeEnabled();
  await expect(page.getByRole("button", { name: "Place order", exact: true })).toBeHidden();
  // A wrong code is refused by user-svc, and the cart stays as it was.
  const code = await verificationCode(shopper.email);
  await page.getByLabel("Verification code").fill(code === "000000" ? "111111" : "000000");
  await page.getByRole("button", { name: "Verify and place order" }).click();
  await expect(page.getByText("That code is not right. Check the email and try again.")).toBeVisible();

  await page.getByLabel("Verification code").fill(code);
  await page.getByRole("button", { name: "Verify and place order" }).click();
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}\?placed=1$/);
  await expect(page.getByText("Thank you — your order is placed.")).toBeVisible();
  await expect(
    page
      .getByRole("main")
      .getByText(/Cast iron skillet/i)
      .first(),
  ).toBeVisible();
  // The order confirmation goes to the address that was just verified.
  await waitForMail(shopper.email, /Your Storefront order/);
});

test("an unverified account's order is refused by order-svc itself, not just by the page", async ({
  page,
}) => {
  const shopper = newShopper("Direct Caller");
  await signUp(page, shopper, "/", { verify: false });
  await addToCart(page, SKILLET);
  // The page hides the button; a hand-made call to the BFF still reaches order-svc, which refuses.
  const response = await page.request.post("/api/trpc/orders.place", {
    data: { json: { idempotencyKey: `direct-${Date.now()}` } },
    headers: { origin: new URL(page.url()).origin, "content-type": "application/json" },
  });
  const body = (await response.json()) as { error?: { json?: { data?: { code?: string } } } };
  expect(body.error?.json?.data?.code).toBe("PRECONDITION_FAILED");
});

test("forgot password → reset link → new password signs in; the old one no longer does", async ({ page }) => {
  const shopper = newShopper("Forgetful Fran");
  await signUp(page, shopper, "/", { verify: false });
  await signOut(page, shopper.name);

  await page.goto("/signin");
  await page.getByRole("link", { name: "Forgot password?" }).click();
  await expect(page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Send reset link" })).toBeEnabled();
  await page.getByLabel("Email").fill(shopper.email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  const answer = page.getByRole("status");
  await expect(answer).toContainText("If an account exists for");

  // The same answer for an address without an account.
  await page.goto("/forgot-password");
  await expect(page.getByRole("button", { name: "Send reset link" })).toBeEnabled();
  await page.getByLabel("Email").fill(`nobody-${Date.now()}@nowhere.e2e.test`);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("status")).toContainText("If an account exists for");

  // As if the link were opened on another computer: no cookies of this account at all.
  await page.context().clearCookies();
  await page.goto(await resetLinkPath(shopper.email));
  await expect(page).toHaveURL(/\/reset-password$/); // the token left the address bar
  await expect(page.getByRole("button", { name: "Set new password" })).toBeEnabled();
  await page.getByRole("textbox", { name: "New password" }).fill("short");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByText("Password must be at least 10 characters")).toBeVisible();
  const newPassword = `${shopper.password}-renewed`;
  await page.getByRole("textbox", { name: "New password" }).fill(newPassword);
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByRole("status")).toContainText("Your password is changed");
  // This browser is now a trusted device of the account (httpOnly, only sent to /api/auth).
  const device = (await page.context().cookies()).find((c) => c.name === "shop.device");
  expect(device).toMatchObject({ httpOnly: true, path: "/api/auth", sameSite: "Lax" });

  await page.goto("/signin");
  await page.getByLabel("Email").fill(shopper.email);
  await page.getByLabel("Password").fill(shopper.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Invalid email or password.");
  await signIn(page, shopper.email, newPassword);
  await expect(accountButton(page, shopper.name)).toBeVisible();
});

test("sign out everywhere: a session cookie copied before it stops working", async ({
  page,
  browser,
  baseURL,
}) => {
  const shopper = newShopper("Cautious Cora");
  await signUp(page, shopper);
  await page.goto("/account");
  await expect(page.getByTestId("email-state")).toBeVisible();

  // Someone else holds a copy of the session cookie.
  const thief = await browser.newContext({
    baseURL,
    extraHTTPHeaders: { "x-forwarded-for": uniqueClientIp() },
  });
  await thief.addCookies(await page.context().cookies());
  const stolen = await thief.newPage();
  await stolen.goto("/account");
  await expect(stolen.getByTestId("email-state")).toBeVisible();

  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/signin$/);

  // The copy no longer signs anyone in: the page sends it to sign-in, the BFF answers as to a visitor.
  await stolen.goto("/account");
  await expect(stolen).toHaveURL(/\/signin\?callbackUrl=%2Faccount$/);
  const me = await stolen.request.get("/api/trpc/users.me");
  expect(me.status()).toBe(401);
  await thief.close();
});

test("a password change keeps this browser signed in and ends the other sessions", async ({
  page,
  browser,
  baseURL,
}) => {
  const shopper = newShopper("Changing Chris");
  await signUp(page, shopper);
  const other = await browser.newContext({
    baseURL,
    extraHTTPHeaders: { "x-forwarded-for": uniqueClientIp() },
  });
  await other.addCookies(await page.context().cookies());

  await page.goto("/account");
  await expect(page.getByRole("button", { name: "Change password" })).toBeEnabled();
  await page.getByLabel("Current password").fill("not my password");
  await page.getByRole("textbox", { name: "New password" }).fill("a brand new password");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Your current password is not right")).toBeVisible();
  await page.getByLabel("Current password").fill(shopper.password);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Password changed. Every other session has been signed out.")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("email-state")).toHaveText("(verified)");

  const otherPage = await other.newPage();
  await otherPage.goto("/account");
  await expect(otherPage).toHaveURL(/\/signin\?callbackUrl=%2Faccount$/);
  await other.close();
});

test("strangers guessing an email are throttled, the owner's browser still signs in", async ({
  page,
  playwright,
  baseURL,
}) => {
  const owner = newShopper("Targeted Tess");
  await signUp(page, owner, "/", { verify: false }); // this browser now holds the account's device cookie
  await signOut(page, owner.name);

  /** One sign-in attempt from a fresh client (its own IP, no cookies): next-auth's JSON answer. */
  const attempt = async (password: string) => {
    const client = await playwright.request.newContext({
      baseURL,
      extraHTTPHeaders: { "x-forwarded-for": uniqueClientIp() },
    });
    const { csrfToken } = (await (await client.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const response = await client.post("/api/auth/callback/credentials", {
      form: { csrfToken, email: owner.email, password, json: "true" },
      maxRedirects: 0,
    });
    const { url } = (await response.json()) as { url: string };
    await client.dispose();
    return new URL(url).searchParams.get("error");
  };
  // An attacker spreads guesses over many addresses: the per-email strangers' limit (10 a minute) fills.
  const errors: (string | null)[] = [];
  for (let i = 0; i < 12; i++) errors.push(await attempt(`guess-${i}`));
  expect(errors.slice(0, 10)).toEqual(Array(10).fill("CredentialsSignin"));
  expect(errors.slice(10).every((e) => e?.startsWith("TooManyAttempts:"))).toBe(true);
  // A stranger with the right password waits too…
  expect(await attempt(owner.password)).toMatch(/^TooManyAttempts:/);
  // …but the owner's own browser, which signed in before, is not locked out.
  await signIn(page, owner.email, owner.password);
  await expect(accountButton(page, owner.name)).toBeVisible();
});
