import {
  type APIRequestContext,
  type BrowserContext,
  test as base,
  expect,
  type Page,
} from "@playwright/test";
import { uniqueClientIp } from "./accounts.ts";
import { type CaughtMail, MAIL_VIEWER_URL } from "./mail.ts";

export type { CaughtMail } from "./mail.ts";

/**
 * `newClient()` opens a page in a browser context of its own — another person at another computer,
 * and another client for user-svc's per-IP limits (see uniqueClientIp). Closed after the test, so no
 * live SSE connection outlives it.
 */
export const test = base.extend<{ newClient: () => Promise<Page> }>({
  newClient: async ({ browser }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async () => {
      const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": uniqueClientIp() } });
      contexts.push(context);
      return context.newPage();
    });
    await Promise.all(contexts.map((context) => context.close()));
  },
});

/** The mails delivered to `email` so far. */
export async function mailsTo(request: APIRequestContext, email: string): Promise<CaughtMail[]> {
  const response = await request.get(`${MAIL_VIEWER_URL}/api/messages`);
  expect(response.ok()).toBe(true);
  const mails = (await response.json()) as CaughtMail[];
  return mails.filter((mail) => mail.to.some((to) => to.toLowerCase() === email.toLowerCase()));
}

/**
 * Calls a BFF mutation the way the browser's tRPC client does (superjson body), with the cookies of
 * the context `request` belongs to — for test set-up that has no UI of its own here.
 */
export async function bffMutation<T>(request: APIRequestContext, path: string, input: unknown): Promise<T> {
  const response = await request.post(`/api/trpc/${path}`, { data: { json: input } });
  const body = (await response.json()) as { result?: { data: { json: T } }; error?: unknown };
  if (!response.ok() || !body.result) throw new Error(`${path} failed: ${JSON.stringify(body.error)}`);
  return body.result.data.json;
}

export interface CreatedProduct {
  id: string;
  slug: string;
  name: string;
  available: number;
  stockLevels: { onHand: number; reserved: number } | null;
}

/**
 * A product of the test's own (as the admin), so stock changes never disturb other tests. It adds to
 * the shared catalog: only specs in playwright.config.ts's catalog-writes project may call it.
 */
export async function createProduct(
  adminRequest: APIRequestContext,
  fields: { name: string; priceCents: number; onHand: number },
): Promise<CreatedProduct> {
  const sku = `E2E-${Date.now().toString(36).toUpperCase()}${Math.floor(Math.random() * 1e4)}`;
  return bffMutation<CreatedProduct>(adminRequest, "products.create", {
    ...fields,
    sku,
    description: "A product created by an end-to-end test.",
    categorySlug: "home",
  });
}

/** Opens a product page and adds `quantity` of it to the cart (guest or signed in alike). */
export async function addToCart(page: Page, slug: string, quantity = 1): Promise<void> {
  await page.goto(`/products/${slug}`);
  const input = page.getByRole("spinbutton", { name: "Quantity" });
  await input.fill(String(quantity));
  await input.press("Enter");
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByText(`Added ${quantity} to your cart.`)).toBeVisible();
}

/** The header's cart link, whose name carries the item count ("Cart, 3 items"). */
export function cartLink(page: Page) {
  return page.getByRole("banner").getByRole("link", { name: /^Cart,/ });
}

/** The header's bell, whose name carries the unread count ("Notifications, 2 unread"). */
export function notificationBell(page: Page) {
  return page.getByRole("banner").getByRole("link", { name: /^Notifications,/ });
}

/** From the cart page through checkout; returns the new order's id from the confirmation URL. */
export async function checkOut(page: Page): Promise<string> {
  await page.goto("/checkout");
  const placeOrder = page.getByRole("button", { name: "Place order" });
  await expect(placeOrder).toBeEnabled();
  await placeOrder.click();
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}\?placed=1$/);
  await expect(page.getByText("Thank you — your order is placed.")).toBeVisible();
  const orderId = /\/orders\/([0-9a-f-]{36})/.exec(page.url())?.[1];
  if (!orderId) throw new Error(`no order id in ${page.url()}`);
  return orderId;
}

/** "#63BEC955", as pages, emails and notifications show an order. */
export const orderNumber = (orderId: string) => `#${orderId.slice(0, 8).toUpperCase()}`;

/** The status badge in the order page's header. */
export function orderStatus(page: Page) {
  return page.getByRole("main").locator("header [data-status]");
}
