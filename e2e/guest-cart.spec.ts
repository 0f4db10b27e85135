import { expect } from "@playwright/test";
import { newShopper, signUp } from "./support/accounts.ts";
import { addToCart, cartLink, test } from "./support/commerce.ts";

const MERGE_CALL = /\/api\/trpc\/[^?]*cart\.merge/;

/*
 * The guest cart moves into the account on the first signed-in page. The browser's own guard (the
 * lines leave the guest cart before the request) cannot tell a merge that failed from one whose answer
 * was lost, so this drives the server path: the merge reaches order-svc and commits, then the browser
 * sees the connection drop, and the next page load sends the merge again.
 */
test("a guest cart whose merge answer was lost is merged once, not twice", async ({ newClient }) => {
  const page = await newClient();
  await addToCart(page, "headlamp-400-lumen", 2);
  await expect(cartLink(page)).toHaveAccessibleName("Cart, 2 items");

  let mergesReachingTheServer = 0;
  let answersLost = 0;
  await page.route(MERGE_CALL, async (route) => {
    mergesReachingTheServer += 1;
    const answer = await route.fetch();
    if (answersLost === 0) {
      answersLost += 1;
      await route.abort("connectionreset");
    } else {
      await route.fulfill({ response: answer });
    }
  });

  await signUp(page, newShopper("Lin Lostanswer"), "/cart", { verify: false });
  await expect.poll(() => answersLost).toBe(1);

  // The next page load retries the pending merge under the same id; order-svc adds nothing again.
  const retried = page.waitForResponse(MERGE_CALL);
  await page.reload();
  await retried;
  expect(mergesReachingTheServer).toBe(2);
  await expect(cartLink(page)).toHaveAccessibleName("Cart, 2 items");
});
