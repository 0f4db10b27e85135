import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleEntry, type RunningProcess, startProcess } from "./fixtures/node-process.ts";
import {
  MAX_RECEIVE_COUNT,
  type NotifyStack,
  orderCreated,
  startNotifyStack,
  waitFor,
} from "./notify-stack.ts";

let stack: NotifyStack;
let bundle: Awaited<ReturnType<typeof bundleEntry>>;
const running: RunningProcess[] = [];

beforeAll(async () => {
  stack = await startNotifyStack();
  bundle = await bundleEntry(new URL("./fixtures/consumer-process.ts", import.meta.url));
}, 60_000);
afterAll(async () => {
  for (const { child } of running) child.kill("SIGKILL");
  await stack?.close();
  await bundle?.remove();
});

function startConsumerProcess(): RunningProcess {
  const proc = startProcess(bundle.file, {
    DATABASE_URL: stack.database.url,
    AWS_ENDPOINT_URL: stack.emulator.endpoint,
    QUEUE_URL: stack.topology.queueUrl,
    SMTP_URL: stack.smtp.smtpUrl,
    MAX_RECEIVE_COUNT: String(MAX_RECEIVE_COUNT),
    // Short, so the claims of the killed process run out within the test.
    EMAIL_LEASE_SECONDS: "3",
  });
  running.push(proc);
  return proc;
}

describe("consumer killed mid-batch", () => {
  it("is restarted; every event ends up with one notification, every shopper emailed", async () => {
    const events = Array.from({ length: 40 }, (_, i) =>
      orderCreated(`00000000-0000-4000-a000-${String(i).padStart(12, "0")}`, `crash${i}@example.test`),
    );
    for (const event of events) await stack.publish(event);

    const first = startConsumerProcess();
    await waitFor(async () => (await stack.db.notification.count()) >= 8, 30_000);
    first.child.kill("SIGKILL"); // no graceful shutdown: batches in flight are simply lost
    await first.exited;
    const atKill = await stack.db.notification.count({ where: { status: "SENT" } });
    expect(atKill).toBeLessThan(40);

    const second = startConsumerProcess();
    await waitFor(
      async () => (await stack.db.notification.count({ where: { status: "SENT" } })) === 40,
      60_000,
    );
    // End markers, not a pause: the queue holds nothing (waiting or in flight), so no redelivery can
    // still come; then the consumer stops gracefully, so no send of its own is still under way.
    await waitFor(async () => (await stack.queueDepth(stack.topology.queueUrl)) === 0, 30_000);
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);

    const rows = await stack.db.notification.findMany({ select: { eventId: true, status: true } });
    expect(rows).toHaveLength(40);
    expect(new Set(rows.map((r) => r.eventId))).toEqual(new Set(events.map((e) => e.eventId)));
    const recipients = stack.smtp.messages().flatMap((m) => m.to);
    // Every shopper got their confirmation. Email is at-least-once: a kill between the SMTP server's
    // acceptance and the SENT mark repeats that email, so at most the sends in flight (one batch of 10)
    // can be doubled.
    for (const event of events) expect(recipients).toContain(event.order.email);
    expect(recipients.length - 40).toBeLessThanOrEqual(10);
  }, 120_000);
});
