import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { E2E_ADMIN } from "./e2e/support/accounts.ts";
import { FAKE_GOOGLE } from "./e2e/support/fake-oidc-provider.ts";
import { E2E_PORT_OFFSET } from "./e2e/support/port-offset.ts";

/**
 * End-to-end tests run against the whole stack started by the local-stack CLI with throw-away data.
 * Ports differ from `npm start`'s defaults so a running dev stack does not get in the way, and
 * E2E_PORT_OFFSET shifts the whole set (fake Google included) so two checkouts can run the suite at once.
 */
const E2E_PORTS = Object.fromEntries(
  Object.entries({
    WEB_PORT: 3100,
    USER_SVC_PORT: 4101,
    PRODUCT_SVC_PORT: 4102,
    ORDER_SVC_PORT: 4103,
    NOTIFY_SVC_PORT: 4104,
    PG_PORT: 5533,
    AWS_EMULATOR_PORT: 4666,
    SMTP_PORT: 1125,
    MAIL_VIEWER_PORT: 1180,
  }).map(([name, port]) => [name, String(port + E2E_PORT_OFFSET)]),
);
/**
 * Accounts and sign-in for the e2e stack: the seeded admin, Google pointed at the fake OIDC provider
 * that e2e/auth-google.spec.ts starts on a fixed port (it only needs to be up while that test runs),
 * and one trusted proxy hop so each browser context can present its own client IP
 * (see e2e/support/accounts.ts, uniqueClientIp).
 */
const E2E_AUTH_ENV = {
  ADMIN_EMAIL: E2E_ADMIN.email,
  ADMIN_PASSWORD: E2E_ADMIN.password,
  GOOGLE_CLIENT_ID: FAKE_GOOGLE.clientId,
  GOOGLE_CLIENT_SECRET: FAKE_GOOGLE.clientSecret,
  GOOGLE_ISSUER: `http://127.0.0.1:${FAKE_GOOGLE.port}`,
  TRUSTED_PROXY_HOPS: "1",
};
/** Specs that add to the shared catalog (admin product creation). */
const CATALOG_WRITES = /(admin-catalog|stock-limits)\.spec\.ts$/;
const stackURL = `http://127.0.0.1:${E2E_PORTS.WEB_PORT}`;
// E2E_BASE_URL points the suite at a stack that is already running (e.g. `npm start`); nothing is started.
const externalURL = process.env.E2E_BASE_URL;
const baseURL = externalURL ?? stackURL;

// Debian's Chromium where it is installed (CI, these machines); Playwright's own browser elsewhere.
const SYSTEM_CHROMIUM = "/usr/bin/chromium";
const chromiumLaunch = {
  ...(existsSync(SYSTEM_CHROMIUM) ? { executablePath: SYSTEM_CHROMIUM } : {}),
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
  ],
};

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  // The stack shares 2 cores with the browsers.
  workers: 2,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : "list",
  use: {
    baseURL,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: { ...devices["Desktop Chrome"], launchOptions: chromiumLaunch },
      testIgnore: CATALOG_WRITES,
    },
    {
      // Runs after the rest: it adds products, and other specs count the seeded catalog.
      name: "chromium-catalog-writes",
      use: { ...devices["Desktop Chrome"], launchOptions: chromiumLaunch },
      testMatch: CATALOG_WRITES,
      dependencies: ["chromium"],
    },
  ],
  webServer: externalURL
    ? undefined
    : {
        command: "node packages/local-stack/dist/cli.js --ephemeral",
        env: { ...E2E_PORTS, ...E2E_AUTH_ENV },
        url: baseURL,
        wait: { stdout: /Storefront is ready/ },
        timeout: 180_000,
        reuseExistingServer: !process.env.CI,
        stdout: "pipe",
        stderr: "pipe",
        // SIGTERM lets the CLI stop its services and remove the ephemeral data directory.
        gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
      },
});
