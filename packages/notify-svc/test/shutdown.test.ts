import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleEntry, type RunningProcess, startProcess } from "./fixtures/node-process.ts";
import { type NotifyStack, orderCreated, startNotifyStack, waitFor } from "./notify-stack.ts";
import { startSlowSmtp } from "./slow-smtp.ts";

/** Every mail takes the SMTP server this long to accept. */
const REPLY_DELAY_MS = 5_000;
const EVENTS = 30;
const POLLERS = 2;

let stack: NotifyStack;
let smtp: Awaited<ReturnType<typeof startSlowSmtp>>;
let bundle: Awaited<ReturnType<typeof bundleEntry>>;
const running: RunningProcess[] = [];

beforeAll(async () => {
  stack = await startNotifyStack();
  smtp = await startSlowSmtp(REPLY_DELAY_MS);
  bundle = await bundleEntry(new URL("../src/main.ts", import.meta.url));
}, 60_000);
afterAll(async () => {
  for (const { child } of running) child.kill("SIGKILL");
  await smtp?.stop();
  await stack?.close();
  await bundle?.remove();
});

/** The real notify-svc (src/main.ts) as its own process, on the test's database, queue and SMTP server. */
function startNotifySvc(): RunningProcess {
  const proc = startProcess(bundle.file, {
    NODE_ENV: "test",
    LOG_LEVEL: "info",
    PORT: "0",
    INTERNAL_JWT_SECRET: randomBytes(32).toString("hex"),
    DATABASE_URL: stack.database.url,
    MIGRATE_ON_START: "false", // the test database is migrated already
    // Fewer connections than sends in flight: a transaction held across a send would starve the rest.
    DB_POOL_MAX: "4",
    AWS_REGION: "us-east-1",
    AWS_ENDPOINT_URL: stack.emulator.endpoint,
    ORDER_EVENTS_TOPIC: "order-events",
    NOTIFY_QUEUE: stack.topology.queueUrl.split("/").at(-1) ?? "",
    MAX_RECEIVE_COUNT: "5",
    VISIBILITY_TIMEOUT_SECONDS: "10",
    CONSUMER_CONCURRENCY: String(POLLERS),
    SMTP_URL: smtp.smtpUrl,
    SMTP_MAX_CONNECTIONS: "10",
  });
  running.push(proc);
  return proc;
}

const logged = (proc: RunningProcess) =>
  proc.lines.flatMap((line) => {
    try {
      return [JSON.parse(line) as { level: number; msg: string }];
    } catch {
      return [];
    }
  });
const countRows = (status?: "SENDING" | "SENT") =>
  stack.db.notification.count(status ? { where: { status } } : undefined);

describe("notify-svc deploy (SIGTERM) mid-batch with a slow SMTP server", () => {
  it("finishes the batch in flight before closing, and every event is emailed exactly once", async () => {
    const events = Array.from({ length: EVENTS }, (_, i) =>
      orderCreated(randomUUID(), `deploy${i}-${randomUUID().slice(0, 6)}@example.test`),
    );
    for (const event of events) await stack.publish(event);

    const first = startNotifySvc();
    // Mid-batch: the SMTP server has a mail's content and is holding back its reply.
    await waitFor(async () => smtp.waiting() > 0, 30_000);
    // No database transaction is open while sends wait on SMTP.
    const [open] = await stack.db.$queryRaw<{ count: bigint }[]>`
      SELECT count(*) AS count FROM pg_stat_activity
      WHERE datname = current_database() AND state LIKE 'idle in transaction%'`;
    expect(Number(open?.count)).toBe(0);
    const rowsAtSigterm = await countRows();

    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);
    // Polling stopped at once: only the pollers' last receives (≤ 10 messages each) came after.
    expect((await countRows()) - rowsAtSigterm).toBeLessThanOrEqual(POLLERS * 10);
    // The batch in flight finished before the pools closed: no claim left behind, and every mail the
    // server accepted is recorded SENT (an accepted but unrecorded mail would be sent again).
    expect(await countRows("SENDING")).toBe(0);
    expect(await countRows("SENT")).toBe(smtp.accepted().length);
    const firstMessages = logged(first).map((l) => l.msg);
    expect(firstMessages.indexOf("queue consumers stopped")).toBeGreaterThan(-1);
    expect(firstMessages.indexOf("queue consumers stopped")).toBeLessThan(
      firstMessages.indexOf("shutdown complete"),
    );

    const second = startNotifySvc();
    await waitFor(async () => (await countRows("SENT")) === EVENTS, 60_000);
    // End markers: nothing waiting or in flight on the queue, then a graceful stop of the consumer.
    await waitFor(async () => (await stack.queueDepth(stack.topology.queueUrl)) === 0, 30_000);
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);

    const rows = await stack.db.notification.findMany({
      select: { eventId: true, status: true, attempts: true },
    });
    expect(rows).toHaveLength(EVENTS);
    expect(new Set(rows.map((r) => r.eventId))).toEqual(new Set(events.map((e) => e.eventId)));
    expect(rows.every((r) => r.status === "SENT" && r.attempts === 1)).toBe(true);
    const recipients = smtp.accepted().flatMap((m) => m.to);
    expect(recipients.sort()).toEqual(events.map((e) => e.order.email).sort()); // each exactly once
    for (const proc of [first, second]) {
      const problems = logged(proc).filter((l) => l.level >= 50 || /transaction/i.test(l.msg));
      expect(problems).toEqual([]);
    }
  }, 150_000);
});
