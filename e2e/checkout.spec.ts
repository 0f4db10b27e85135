import { expect } from "@playwright/test";
import { E2E_ADMIN, newShopper, signIn, signUp } from "./support/accounts.ts";
import {
  addToCart,
  bffMutation,
  cartLink,
  checkOut,
  orderNumber,
  orderStatus,
  test,
} from "./support/commerce.ts";

// Seeded by product-svc (packages/product-svc/src/seed/catalog.json); plenty of stock, and no other
// spec looks at their stock.
const HEADLAMP = { slug: "headlamp-400-lumen", name: "Headlamp 400 Lumen", priceCents: 3990 };
const BEANIE = { slug: "wool-beanie", name: "Wool Beanie", priceCents: 2900 };
// Few in stock: the out-of-stock test lowers its stock while a shopper is at checkout, then restores it.
const SLEEPING_BAG = { slug: "down-sleeping-bag", name: "Down Sleeping Bag" };

// Whole journeys through two browsers and four services on a 2-core machine: more than the default 30 s.
test.describe.configure({ timeout: 90_000 });

const usd = (cents: number) => `$${(cents / 100).toFixed(2)}`;

test("a new shopper orders from the cart, finds the order in the history, and the admin ships it", async ({
  newClient,
}) => {
  const page = await newClient();

  // As a guest: the cart lives in the browser…
  await addToCart(page, HEADLAMP.slug, 2);
  await expect(cartLink(page)).toHaveAccessibleName("Cart, 2 items");

  // …and moves into the new account at sign-up.
  const shopper = newShopper("Grace Checkout");
  await signUp(page, shopper, "/cart");
  await expect(page.getByRole("link", { name: HEADLAMP.name })).toBeVisible();
  await addToCart(page, BEANIE.slug, 1);
  await expect(cartLink(page)).toHaveAccessibleName("Cart, 3 items");

  await page.goto("/cart");
  const subtotal = 2 * HEADLAMP.priceCents + BEANIE.priceCents;
  await expect(page.getByRole("complementary", { name: "Order summary" })).toContainText(usd(subtotal));
  await page.getByRole("link", { name: "Go to checkout" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Checkout" })).toBeVisible();

  const orderId = await checkOut(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Order ${orderNumber(orderId)}`);
  await expect(orderStatus(page)).toHaveText("Pending");
  await expect(page.getByRole("row", { name: new RegExp(HEADLAMP.name) })).toContainText(
    usd(2 * HEADLAMP.priceCents),
  );
  await expect(cartLink(page)).toHaveAccessibleName("Cart, empty");

  await page.getByRole("banner").getByRole("link", { name: "Orders" }).click();
  const historyRow = page.getByRole("link", { name: new RegExp(`Order ${orderNumber(orderId)}`) });
  await expect(historyRow).toContainText("Pending");
  await expect(historyRow).toContainText(usd(subtotal));

  // The admin, in a browser of their own, confirms and then ships it.
  const admin = await newClient();
  await signIn(admin, E2E_ADMIN.email, E2E_ADMIN.password, "/admin/orders");
  await admin.getByRole("link", { name: orderNumber(orderId) }).click();
  await expect(admin.getByText(shopper.email)).toBeVisible();
  // Only the transitions order-svc allows from PENDING are offered.
  await expect(admin.getByRole("button", { name: "Mark as shipped" })).toBeHidden();
  await admin.getByRole("button", { name: "Confirm order" }).click();
  await expect(orderStatus(admin)).toHaveText("Confirmed");
  await admin.getByRole("button", { name: "Mark as shipped" }).click();
  await expect(orderStatus(admin)).toHaveText("Shipped");
  await expect(admin.getByRole("button", { name: "Mark as delivered" })).toBeVisible();
  await expect(admin.getByRole("button", { name: "Cancel order" })).toBeHidden();

  // The shopper's history shows the new status; a shipped order can no longer be cancelled.
  await page.reload();
  await expect(historyRow).toContainText("Shipped");
  await historyRow.click();
  await expect(orderStatus(page)).toHaveText("Shipped");
  await expect(page.getByRole("button", { name: "Cancel order" })).toBeHidden();
});

test("a double click on Place order places one order", async ({ newClient }) => {
  const page = await newClient();
  await signUp(page, newShopper("Double Clicker"));
  await addToCart(page, BEANIE.slug, 1);
  await page.goto("/checkout");
  await page.getByRole("button", { name: "Place order" }).dblclick();
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}\?placed=1$/);
  await page.goto("/orders");
  await expect(page.getByText("Showing 1 of 1 order")).toBeVisible();
});

test("a lost answer to Place order: checking again lands on the one order the server placed", async ({
  newClient,
}) => {
  const page = await newClient();
  await signUp(page, newShopper("Lost Answer"));
  await addToCart(page, HEADLAMP.slug, 1);
  await page.goto("/checkout");

  // The request reaches the server, which places the order (and empties the cart); the browser only
  // sees the connection drop, as with a flaky network.
  let placedByServer: string | undefined;
  await page.route(
    "**/api/trpc/orders.place**",
    async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { result?: { data: { json: { id: string } } } }[];
      placedByServer = body[0]?.result?.data.json.id;
      await route.abort("connectionreset");
    },
    { times: 1 },
  );
  await page.getByRole("button", { name: "Place order" }).click();
  const notice = page.getByRole("heading", { name: "We could not confirm your order" });
  await expect(notice).toBeVisible();
  expect(placedByServer).toMatch(/^[0-9a-f-]{36}$/);

  // The attempt outlives a reload (same tab); checking sends the same key and order-svc answers with
  // the order it already placed.
  await page.reload();
  await expect(notice).toBeVisible();
  await page.getByRole("button", { name: "Check and finish my order" }).click();
  await expect(page).toHaveURL(new RegExp(`/orders/${placedByServer}\\?placed=1$`));
  await expect(page.getByText("Thank you — your order is placed.")).toBeVisible();
  await page.goto("/orders");
  await expect(page.getByText("Showing 1 of 1 order")).toBeVisible();
});

test("the shopper cancels a pending order after confirming in a dialog", async ({ newClient }) => {
  const page = await newClient();
  await signUp(page, newShopper("Changed Mind"));
  await addToCart(page, BEANIE.slug, 1);
  await checkOut(page);

  await page.getByRole("button", { name: "Cancel order" }).click();
  const dialog = page.getByRole("dialog", { name: /Cancel order/ });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Keep order" }).click();
  await expect(dialog).toBeHidden();
  await expect(orderStatus(page)).toHaveText("Pending");

  await page.getByRole("button", { name: "Cancel order" }).click();
  await dialog.getByRole("button", { name: "Cancel order" }).click();
  await expect(orderStatus(page)).toHaveText("Cancelled");
  await expect(page.getByRole("list", { name: "Order timeline" })).toContainText("by you");
  await expect(page.getByRole("button", { name: "Cancel order" })).toBeHidden();
});

test("when stock runs out during checkout, the shopper is told what is left and nothing is ordered", async ({
  newClient,
}) => {
  const admin = await newClient();
  await signIn(admin, E2E_ADMIN.email, E2E_ADMIN.password);
  const input = encodeURIComponent(JSON.stringify({ json: { slug: SLEEPING_BAG.slug } }));
  const found = await admin.request.get(`/api/trpc/products.bySlug?input=${input}`);
  const product = (
    (await found.json()) as {
      result: { data: { json: { id: string; stockLevels: { onHand: number; reserved: number } } } };
    }
  ).result.data.json;
  const { onHand, reserved } = product.stockLevels;
  expect(onHand - reserved).toBeGreaterThanOrEqual(3);

  const page = await newClient();
  await signUp(page, newShopper("Late Shopper"));
  await addToCart(page, SLEEPING_BAG.slug, 3);
  await page.goto("/checkout");
  await expect(page.getByRole("button", { name: "Place order" })).toBeEnabled();

  try {
    // A stock-take finds all but one gone while the shopper is on the checkout page.
    await bffMutation(admin.request, "products.setStock", { id: product.id, onHand: reserved + 1 });
    await page.getByRole("button", { name: "Place order" }).click();
    // (Next.js's route announcer is an alert too, hence the filter.)
    const alert = page.getByRole("alert").filter({ hasText: "Some items ran out" });
    await expect(alert).toBeVisible();
    await expect(alert).toContainText(`${SLEEPING_BAG.name}: only 1 left (you asked for 3)`);
    await expect(page).toHaveURL(/\/checkout$/);
    // The refreshed cart now says what to fix, and ordering waits until it is fixed.
    await expect(page.getByText("Only 1 left — lower the quantity to check out.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Place order" })).toBeDisabled();
    await page.goto("/orders");
    await expect(page.getByRole("heading", { name: "No orders yet" })).toBeVisible();
  } finally {
    await bffMutation(admin.request, "products.setStock", { id: product.id, onHand });
  }
});
