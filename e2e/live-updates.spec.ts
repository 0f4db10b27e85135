import { expect } from "@playwright/test";
import { E2E_ADMIN, newShopper, signIn, signUp } from "./support/accounts.ts";
import {
  addToCart,
  checkOut,
  mailsTo,
  notificationBell,
  orderNumber,
  orderStatus,
  test,
} from "./support/commerce.ts";

// Whole journeys through two browsers and four services on a 2-core machine: more than the default 30 s.
test.describe.configure({ timeout: 90_000 });

test("the shopper's open order page follows the admin's status changes live, with bell, toast and email", async ({
  newClient,
}) => {
  const page = await newClient();
  const shopper = newShopper("Live Watcher");
  await signUp(page, shopper);
  await addToCart(page, "wool-beanie", 1);
  const orderId = await checkOut(page);
  await expect(notificationBell(page)).toHaveAccessibleName("Notifications, 1 unread"); // "order placed"
  // The bell says when its SSE stream is open; from then on nothing is missed.
  await expect(notificationBell(page)).toHaveAttribute("data-live", "connected");
  // Any reload from here on would reset this marker.
  await page.evaluate(() => {
    (window as unknown as { liveMarker: string }).liveMarker = "not reloaded";
  });

  const admin = await newClient();
  await signIn(admin, E2E_ADMIN.email, E2E_ADMIN.password, `/admin/orders/${orderId}`);
  await admin.getByRole("button", { name: "Confirm order" }).click();
  await expect(orderStatus(page)).toHaveText("Confirmed", { timeout: 5_000 });
  await expect(notificationBell(page)).toHaveAccessibleName("Notifications, 2 unread");

  const ship = admin.getByRole("button", { name: "Mark as shipped" });
  await expect(ship).toBeEnabled();
  const clickedAt = Date.now();
  await ship.click();
  await expect(orderStatus(page)).toHaveText("Shipped", { timeout: 5_000 });
  const latencyMs = Date.now() - clickedAt;
  test.info().annotations.push({
    type: "latency",
    description: `admin click → shopper sees Shipped: ${latencyMs} ms`,
  });
  console.log(`live update latency (admin click → shopper page shows Shipped): ${latencyMs} ms`);

  await expect(notificationBell(page)).toHaveAccessibleName("Notifications, 3 unread");
  await expect(page.getByRole("region", { name: "Notifications" })).toContainText(
    `Order shipped: ${orderNumber(orderId).slice(1)}`,
  );
  await expect(page.getByRole("list", { name: "Order timeline" })).toContainText("Shipped");
  expect(await page.evaluate(() => (window as unknown as { liveMarker?: string }).liveMarker)).toBe(
    "not reloaded",
  );

  // And the email went out (notify-svc → SMTP catcher).
  await expect
    .poll(async () => (await mailsTo(page.request, shopper.email)).map((mail) => mail.subject), {
      timeout: 10_000,
    })
    .toContainEqual(`Order ${orderNumber(orderId).slice(1)}: order shipped`);

  // The notifications page lists all three; marking them read clears the bell.
  await page
    .getByRole("banner")
    .getByRole("link", { name: /^Notifications,/ })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "Unread:" })).toHaveCount(3);
  await page.getByRole("button", { name: "Mark all as read" }).click();
  await expect(notificationBell(page)).toHaveAccessibleName("Notifications, none unread");
  await expect(page.getByRole("listitem").filter({ hasText: "Unread:" })).toHaveCount(0);
});
