// `npm run chaos`: a bounded, scripted fault run against a stack this script starts, then the
// invariants, each with PASS/FAIL and its numbers, and a verdict. See docs/benchmarks.md.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import {
  dropDatabaseConnections,
  killNotifyRepeatedly,
  killOrderSvcBeforePublish,
  stopEmulator,
} from "./chaos/faults.ts";
import { checkInvariants, type InvariantResult, waitForQuiescence } from "./chaos/invariants.ts";
import { OrderStream } from "./chaos/order-stream.ts";
import { ServiceProcess } from "./chaos/service-process.ts";
import { SwitchableProxy } from "./chaos/switchable-proxy.ts";
import { flag, numberOption } from "./cli-options.ts";
import { HttpClient } from "./client/http.ts";
import { benchAdmin, serviceClients } from "./client/services.ts";
import { allProducts, setStock } from "./fixtures/catalog.ts";
import { registerShoppers } from "./fixtures/shoppers.ts";
import { machineInfo } from "./measure/results.ts";
import { writeResults } from "./measure/write-results.ts";
import { startChildServer } from "./stack/child-server.ts";
import { launchStack } from "./stack/launch-stack.ts";
import { chaosPorts } from "./stack/ports.ts";
import { repoRoot } from "./stack/repo-root.ts";

const rate = numberOption("rate", "CHAOS_RATE", 10);
const productCount = numberOption("products", "CHAOS_PRODUCTS", 10);
// Less stock than the run orders, so products sell out while faults are on.
const stockPerProduct = numberOption("stock", "CHAOS_STOCK", 180);
const started = Date.now();
const log = (message: string) =>
  console.log(`  ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s  ${message}`);

const ports = chaosPorts();
const logDir = join(
  repoRoot(),
  "bench-results",
  `chaos-logs-${new Date().toISOString().replace(/[:.]/g, "-")}`,
);
mkdirSync(logDir, { recursive: true });
console.log(
  `Storefront chaos — orders at ${rate}/s through notify-svc kills, an order-svc kill before publish,`,
);
console.log(`a 30 s SNS/SQS outage and dropped database connections (logs of restarted services: ${logDir})`);

const emulator = await startChildServer("emulator-process", { PORT: String(ports.emulator + 1) });
const proxy = new SwitchableProxy(ports.emulator, emulator.port);
await proxy.up();
const target = await launchStack({
  ports,
  echo: flag("verbose"),
  env: {
    AWS_ENDPOINT_URL: `http://127.0.0.1:${proxy.port}`,
    // Shorter than the defaults so redeliveries and the stray sweep happen within the run.
    VISIBILITY_TIMEOUT_SECONDS: "10",
    RESERVATION_TTL_SECONDS: "30",
  },
});
log(`stack ready at ${target.webUrl}`);
const notify = new ServiceProcess("notify-svc", ports["notify-svc"], logDir);
const orders = new ServiceProcess("order-svc", ports["order-svc"], logDir);
const http = new HttpClient(128);
let invariants: InvariantResult[] = [];
let exitCode = 1;
try {
  const admin = serviceClients(target, benchAdmin());
  const products = (await allProducts(admin)).slice(0, productCount);
  await setStock(admin, products, stockPerProduct);
  const initialStock = new Map(products.map((p) => [p.id, stockPerProduct]));
  const shoppers = await registerShoppers(target, 8, "chaos");
  const stream = new OrderStream(target, http, shoppers, products, rate);
  stream.start();
  log(`order stream started: ${products.length} products × ${stockPerProduct} in stock, 8 shoppers`);

  await killNotifyRepeatedly(notify, 3, log);
  await killOrderSvcBeforePublish(orders, target, log);
  await stopEmulator(proxy, target, 30, log);
  await dropDatabaseConnections(target, 5, log);

  await stream.stop();
  log(`order stream stopped: ${JSON.stringify(stream.stats)}`);
  const caughtUp = await waitForQuiescence(target, 90_000, log);
  invariants = await checkInvariants(target, initialStock);
  invariants.push({
    name: "the system caught up after the faults (within 90 s)",
    pass: caughtUp,
    detail: caughtUp ? "outbox empty, every event notified and emailed" : "see the numbers above",
  });

  console.log("");
  for (const inv of invariants)
    console.log(`${inv.pass ? "PASS" : "FAIL"}  ${inv.name}\n      ${inv.detail}`);
  const pass = invariants.every((inv) => inv.pass);
  console.log(`\nVerdict: ${pass ? "PASS" : "FAIL"} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  const file = await writeResults("chaos", {
    machine: machineInfo(),
    settings: { rate, productCount, stockPerProduct },
    stream: stream.stats,
    restarts: { notify: notify.starts, orders: orders.starts },
    invariants,
    pass,
  });
  console.log(`Results written to ${file}`);
  exitCode = pass ? 0 : 1;
} catch (error) {
  console.error(
    `✖ chaos run failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
} finally {
  http.close();
  await Promise.all([notify.stop(), orders.stop()]);
  await target.stop();
  await proxy.down();
  await emulator.stop();
}
process.exit(exitCode);
