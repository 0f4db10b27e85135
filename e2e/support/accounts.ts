import { randomBytes, randomInt } from "node:crypto";
import { expect, type Page } from "@playwright/test";
import { verificationCode } from "./mail.ts";

/**
 * The admin the e2e stack seeds: playwright.config.ts passes these to the local-stack CLI as
 * ADMIN_EMAIL / ADMIN_PASSWORD. Only ever used against the throw-away --ephemeral stack.
 */
export const E2E_ADMIN = {
  email: "admin@e2e.test",
  password: "e2e-admin-quartz-lantern-7c41",
} as const;

export interface Shopper {
  name: string;
  email: string;
  password: string;
}

/** A shopper nobody has registered yet (unique per call and per run). */
export function newShopper(name = "Ada Lovelace"): Shopper {
  return {
    name,
    email: `${uniqueSuffix()}@shopper.e2e.test`,
    password: `pw-${randomBytes(9).toString("base64url")}`,
  };
}

export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
}

/**
 * A random private address to send as X-Forwarded-For. The e2e stack trusts one proxy hop
 * (TRUSTED_PROXY_HOPS=1 in playwright.config.ts), so each browser context counts as its own client
 * for user-svc's per-IP limits, as real shoppers would, instead of all tests sharing 127.0.0.1's
 * 20 sign-ins per minute and 10 sign-ups per hour.
 */
export function uniqueClientIp(): string {
  return `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
}

/**
 * Registers through /signup; ends signed in, back on `returnTo`. Unless `verify: false`, the email is
 * then verified on /account with the code from the mail (orders need a verified address).
 */
export async function signUp(
  page: Page,
  shopper: Shopper,
  returnTo = "/",
  { verify = true }: { verify?: boolean } = {},
): Promise<void> {
  await page.goto(returnTo === "/" ? "/signup" : `/signup?callbackUrl=${encodeURIComponent(returnTo)}`);
  await page.getByLabel("Name").fill(shopper.name);
  await page.getByLabel("Email").fill(shopper.email);
  await page.getByLabel("Password", { exact: true }).fill(shopper.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(accountButton(page, shopper.name)).toBeVisible();
  if (verify) {
    await verifyOnAccountPage(page, shopper.email);
    await page.goto(returnTo);
    await expect(accountButton(page, shopper.name)).toBeVisible();
  }
}

/** Enters the emailed code on /account and waits for the page to say the email is verified. */
export async function verifyOnAccountPage(page: Page, email: string): Promise<void> {
  await page.goto("/account");
  const verify = page.getByRole("button", { name: "Verify email" });
  await expect(verify).toBeEnabled();
  await page.getByLabel("Verification code").fill(await verificationCode(email));
  await verify.click();
  await expect(page.getByTestId("email-state")).toHaveText("(verified)");
}

/** Signs in through /signin; ends signed in, back on `returnTo`. */
export async function signIn(page: Page, email: string, password: string, returnTo = "/"): Promise<void> {
  await page.goto(returnTo === "/" ? "/signin" : `/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeHidden();
}

/** The header's account menu button, named after the signed-in person. */
export function accountButton(page: Page, name: string) {
  return page.getByRole("banner").getByRole("button", { name });
}

export async function signOut(page: Page, name: string): Promise<void> {
  await accountButton(page, name).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
}
