// `npm run bench`: every benchmark against a baseline measured in the same run, a table, and a JSON
// file in bench-results/. See docs/benchmarks.md. Not a test: it reports, it never fails the build.
import { catalogRead } from "./benchmarks/catalog-read.ts";
import { consumerThroughput } from "./benchmarks/consumer-throughput.ts";
import type { BenchContext } from "./benchmarks/context.ts";
import { eventLatency } from "./benchmarks/event-latency.ts";
import { orderPlacement } from "./benchmarks/order-placement.ts";
import { serviceCall } from "./benchmarks/service-call.ts";
import { memoryResult } from "./benchmarks/stack-memory.ts";
import { storefrontPages } from "./benchmarks/storefront-pages.ts";
import { flag, numberOption, option } from "./cli-options.ts";
import { signInAll } from "./client/bff-session.ts";
import { HttpClient } from "./client/http.ts";
import { benchAdmin, serviceClients } from "./client/services.ts";
import { allProducts, setStock } from "./fixtures/catalog.ts";
import { registerShoppers } from "./fixtures/shoppers.ts";
import { type BenchmarkResult, formatTable, machineInfo } from "./measure/results.ts";
import { writeResults } from "./measure/write-results.ts";
import { acquireStack, reportMachineLoad } from "./stack/acquire.ts";
import { stackMemory } from "./stack/memory.ts";
import { benchPorts } from "./stack/ports.ts";
import { releaseRun, reportRunFailure } from "./stack/run-cleanup.ts";

const BENCHMARKS = ["a", "b", "c", "d", "e", "f"] as const;
type BenchmarkId = (typeof BENCHMARKS)[number];
/** product-svc's maximum stock level. */
const HIGH_STOCK = 1_000_000;

if (flag("help")) {
  console.log(`npm run bench [-- options]   (see docs/benchmarks.md)
  --only=a,c,f          run some benchmarks (a order placement, b catalog, c service call, d event latency,
                        e consumer, f storefront pages); memory (g) is always reported
  --duration=15         measured seconds per variant (BENCH_DURATION_S), split into --rounds=3 alternating
                        rounds (BENCH_ROUNDS), each after a --warmup=3 s warm-up (BENCH_WARMUP_S)
  --changes=201         status changes for d (BENCH_CHANGES)   --events=1000 events for e (BENCH_EVENTS)
  --verbose             echo the stack's console
  BENCH_WEB_URL=…       measure a running stack instead of starting one (see docs for the other BENCH_* URLs)`);
  process.exit(0);
}

const only = option("only", "BENCH_ONLY", BENCHMARKS.join(",")).split(",") as BenchmarkId[];
const machine = machineInfo();
console.log(
  `Storefront benchmarks — ${machine.nproc} × ${machine.cpuModel}, Node ${machine.node}, ${machine.date}`,
);
reportMachineLoad(machine.nproc);

const target = await acquireStack(benchPorts(), { echo: flag("verbose") });
const http = new HttpClient(64);
const results: BenchmarkResult[] = [];
let exitCode = 0;
let restoreStock = async () => {};
try {
  const admin = serviceClients(target, benchAdmin());
  const products = await allProducts(admin);
  // High enough that no benchmark order runs out; a given stack gets its stock levels back at the end.
  restoreStock = await setStock(admin, products, HIGH_STOCK);
  const shoppers = await registerShoppers(target, 16, "bench");
  console.log(`Signing in ${shoppers.length} shoppers through next-auth…`);
  const sessionCookies = await signInAll(http, target.webUrl, shoppers);
  const ctx: BenchContext = {
    target,
    http,
    admin,
    products,
    shoppers,
    sessionCookies,
    highStock: HIGH_STOCK,
    warmupMs: numberOption("warmup", "BENCH_WARMUP_S", 3) * 1000,
    durationMs: numberOption("duration", "BENCH_DURATION_S", 15) * 1000,
    rounds: numberOption("rounds", "BENCH_ROUNDS", 3),
    log: (message) => console.log(`  · ${message}`),
  };
  const idle = stackMemory(target);

  const run = async (
    id: BenchmarkId,
    title: string,
    body: () => Promise<BenchmarkResult | BenchmarkResult[]>,
  ) => {
    if (!only.includes(id)) return;
    console.log(`\n${id}. ${title}`);
    try {
      const outcome = await body();
      results.push(...(Array.isArray(outcome) ? outcome : [outcome]));
    } catch (error) {
      console.error(
        `  ✖ ${id} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      results.push({ id, title, rows: [], target: "", pass: false, notes: [`failed: ${String(error)}`] });
      exitCode = 1;
    }
  };
  await run("a", "Order placement", () => orderPlacement(ctx));
  await run("b", "Catalog read", () => catalogRead(ctx));
  await run("c", "One service call", () => serviceCall(ctx));
  await run("d", "Event latency", () => eventLatency(ctx, numberOption("changes", "BENCH_CHANGES", 201)));
  await run("e", "Consumer throughput", () =>
    consumerThroughput(ctx, numberOption("events", "BENCH_EVENTS", 1000)),
  );
  await run("f", "Storefront pages", () => storefrontPages(ctx));
  results.push(memoryResult(idle, stackMemory(target)));

  console.log(`\n${formatTable(results)}\n`);
  for (const result of results) for (const note of result.notes) console.log(`  ${result.id}: ${note}`);
  const file = await writeResults("bench", {
    machine,
    loadAverageAfter: machineInfo().loadAverage,
    stack: { owned: target.owned, webUrl: target.webUrl },
    results,
  });
  console.log(`\nResults written to ${file}`);
} catch (error) {
  exitCode = reportRunFailure("benchmark run", error);
} finally {
  await releaseRun({ restoreStock, http, target });
}
process.exit(exitCode);
