// `npm run load`: an open-model load (arrivals at a fixed rate, whatever the responses do) with an
// Online-Boutique-like mix through the BFF. Reports error rate, p95 per operation and stack memory.
import { flag, numberOption } from "./cli-options.ts";
import { signInAll } from "./client/bff-session.ts";
import { HttpClient } from "./client/http.ts";
import { benchAdmin, serviceClients } from "./client/services.ts";
import { allProducts, searchTermFrom, setStock } from "./fixtures/catalog.ts";
import { registerShoppers } from "./fixtures/shoppers.ts";
import { MIX, type Operation, ShopperMix } from "./load/shopper-mix.ts";
import { runOpenLoop } from "./measure/open-loop.ts";
import { machineInfo } from "./measure/results.ts";
import { writeResults } from "./measure/write-results.ts";
import { acquireStack, reportMachineLoad } from "./stack/acquire.ts";
import { stackMemory } from "./stack/memory.ts";
import { benchPorts } from "./stack/ports.ts";
import { releaseRun, reportRunFailure } from "./stack/run-cleanup.ts";

if (flag("help")) {
  console.log(`npm run load [-- --rate=20 --duration=60 --shoppers=10 --verbose]
  rate (BENCH_LOAD_RATE) arrivals per second, duration (BENCH_LOAD_DURATION_S) seconds, shoppers signed in.
  BENCH_WEB_URL=… drives a running stack instead of starting one (see docs/benchmarks.md).`);
  process.exit(0);
}

const rate = numberOption("rate", "BENCH_LOAD_RATE", 20);
const durationS = numberOption("duration", "BENCH_LOAD_DURATION_S", 60);
const shopperCount = numberOption("shoppers", "BENCH_LOAD_SHOPPERS", 10);
const machine = machineInfo();
console.log(
  `Storefront load — ${rate} req/s for ${durationS} s, ${machine.nproc} × ${machine.cpuModel}, ${machine.date}`,
);
reportMachineLoad(machine.nproc);

const target = await acquireStack(benchPorts(), { echo: flag("verbose") });
const http = new HttpClient(256);
let exitCode = 0;
let restoreStock = async () => {};
try {
  const admin = serviceClients(target, benchAdmin());
  const products = await allProducts(admin);
  restoreStock = await setStock(admin, products, 1_000_000);
  const shoppers = await registerShoppers(target, shopperCount, "load");
  console.log(`Signing in ${shoppers.length} shoppers through next-auth…`);
  const cookies = await signInAll(http, target.webUrl, shoppers);
  const terms = [searchTermFrom(products), ...products.slice(0, 5).map((p) => p.name.split(" ")[0] ?? "")];
  const mix = new ShopperMix(http, target.webUrl, cookies, products, terms);

  const before = stackMemory(target);
  console.log(
    `Running: ${Object.entries(MIX)
      .map(([op, w]) => `${op} ${w}`)
      .join(", ")}`,
  );
  const result = await runOpenLoop<Operation>({
    ratePerSecond: rate,
    durationMs: durationS * 1000,
    choose: () => mix.choose(),
    run: (op) => mix.run(op),
  });
  const after = stackMemory(target);

  let total = 0;
  let errors = 0;
  console.log(
    `\n${"operation".padEnd(16)}${"count".padStart(7)}${"errors".padStart(8)}${"p50 ms".padStart(9)}${"p95 ms".padStart(9)}${"p99 ms".padStart(9)}  error codes`,
  );
  const perOperation: Record<string, unknown> = {};
  for (const op of Object.keys(MIX) as Operation[]) {
    const recorder = result.perOperation[op];
    if (!recorder) continue;
    const s = recorder.summary();
    total += s.count + s.errors;
    errors += s.errors;
    perOperation[op] = { ...s, errorCodes: recorder.errorCodes() };
    const codes = Object.entries(recorder.errorCodes())
      .map(([c, n]) => `${c}×${n}`)
      .join(" ");
    console.log(
      `${op.padEnd(16)}${String(s.count + s.errors).padStart(7)}${String(s.errors).padStart(8)}${s.p50.toFixed(1).padStart(9)}${s.p95.toFixed(1).padStart(9)}${s.p99.toFixed(1).padStart(9)}  ${codes}`,
    );
  }
  const errorRate = total ? errors / total : 0;
  console.log(
    `\n${total} requests (${result.scheduled} scheduled), error rate ${(errorRate * 100).toFixed(2)}%, ${result.lateStarts} sent >100 ms late by the generator`,
  );
  console.log(
    `Stack memory: before ${before.totalRssMb.toFixed(0)} MB RSS (${before.totalPssMb.toFixed(0)} MB PSS), after ${after.totalRssMb.toFixed(0)} MB RSS (${after.totalPssMb.toFixed(0)} MB PSS)`,
  );
  for (const row of after.rows)
    console.log(`  ${row.label.padEnd(50)} ${row.rssMb.toFixed(0).padStart(6)} MB RSS`);
  const file = await writeResults("load", {
    machine,
    loadAverageAfter: machineInfo().loadAverage,
    settings: { rate, durationS, shoppers: shopperCount, mix: MIX },
    errorRate,
    lateStarts: result.lateStarts,
    perOperation,
    memory: { before, after },
  });
  console.log(`\nResults written to ${file}`);
} catch (error) {
  exitCode = reportRunFailure("load run", error);
} finally {
  await releaseRun({ restoreStock, http, target });
}
process.exit(exitCode);
