import { type ChildProcess, spawn } from "node:child_process";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type NotifyStack, orderCreated, startNotifyStack, waitFor } from "./notify-stack.ts";

let stack: NotifyStack;
let outDir: string;
let bundle: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  stack = await startNotifyStack();
  // Inside the package (git-ignored), so Node resolves the external packages from node_modules upwards.
  await mkdir(fileURLToPath(new URL("../.test-build", import.meta.url)), { recursive: true });
  outDir = await mkdtemp(fileURLToPath(new URL("../.test-build/crash-", import.meta.url)));
  bundle = join(outDir, "consumer-process.mjs");
  // Bundle our TypeScript (and the workspace packages it imports); node_modules stay external.
  await build({
    entryPoints: [fileURLToPath(new URL("./fixtures/consumer-process.ts", import.meta.url))],
    outfile: bundle,
    bundle: true,
    platform: "node",
    format: "esm",
    logLevel: "error",
    plugins: [
      {
        name: "external-node-modules",
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, (args) =>
            args.path.startsWith("@shop/") ? undefined : { path: args.path, external: true },
          );
        },
      },
    ],
  });
}, 60_000);
afterAll(async () => {
  for (const child of children) child.kill("SIGKILL");
  await stack?.close();
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

function startConsumerProcess(): ChildProcess {
  const child = spawn(process.execPath, [bundle], {
    cwd: fileURLToPath(new URL("..", import.meta.url)),
    env: {
      ...process.env,
      DATABASE_URL: stack.database.url,
      AWS_ENDPOINT_URL: stack.emulator.endpoint,
      QUEUE_URL: stack.topology.queueUrl,
      SMTP_URL: stack.smtp.smtpUrl,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(child);
  return child;
}

describe("consumer killed mid-batch", () => {
  it("is restarted and every event ends up processed exactly once", async () => {
    const events = Array.from({ length: 40 }, (_, i) =>
      orderCreated(`00000000-0000-4000-a000-${String(i).padStart(12, "0")}`, `crash${i}@example.test`),
    );
    for (const event of events) await stack.publish(event);

    const first = startConsumerProcess();
    await waitFor(async () => (await stack.db.notification.count()) >= 8, 30_000);
    first.kill("SIGKILL"); // no graceful shutdown: batches in flight are simply lost
    await new Promise((resolve) => first.once("exit", resolve));
    const atKill = await stack.db.notification.count({ where: { status: "SENT" } });
    expect(atKill).toBeLessThan(40);

    startConsumerProcess();
    await waitFor(
      async () => (await stack.db.notification.count({ where: { status: "SENT" } })) === 40,
      60_000,
    );

    const rows = await stack.db.notification.findMany({ select: { eventId: true, status: true } });
    expect(rows).toHaveLength(40);
    expect(new Set(rows.map((r) => r.eventId))).toEqual(new Set(events.map((e) => e.eventId)));
    const recipients = stack.smtp.messages().flatMap((m) => m.to);
    // Every shopper got their confirmation. Email is at-least-once: a kill between the SMTP send and the
    // SENT update can repeat that one email, so at most one batch (10) can be doubled.
    for (const event of events) expect(recipients).toContain(event.order.email);
    expect(recipients.length - 40).toBeLessThanOrEqual(10);
  }, 120_000);
});
