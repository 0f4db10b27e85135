import { randomUUID } from "node:crypto";
import { DeleteMessageBatchCommand, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { awsClientConfig } from "@shop/events/aws";
import { orderEventSchema } from "@shop/events/order-events";
import { ensureConsumerQueue } from "@shop/events/topology";
import { type MessagingEmulatorHandle, startMessagingEmulator } from "@shop/local-stack/messaging";
import { startTcpSwitch } from "@shop/testing/tcp-switch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishBatch, startOutboxRelay } from "../src/outbox/relay.ts";
import { createSnsPublisher } from "../src/outbox/sns-publisher.ts";
import { type OrderStack, shopper, startOrderStack } from "./stack.ts";

let stack: OrderStack;
let emulator: MessagingEmulatorHandle;
let sqsSwitch: Awaited<ReturnType<typeof startTcpSwitch>>;
beforeAll(async () => {
  stack = await startOrderStack();
  emulator = await startMessagingEmulator();
  sqsSwitch = await startTcpSwitch(emulator.port);
});
afterAll(async () => {
  await sqsSwitch?.close();
  await emulator?.stop();
  await stack?.close();
});

async function drainQueue(sqs: SQSClient, queueUrl: string) {
  const bodies: string[] = [];
  for (let empty = 0; empty < 2; ) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
    );
    if (Messages.length === 0) {
      empty += 1;
      continue;
    }
    bodies.push(...Messages.map((m) => m.Body ?? ""));
    await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle ?? "" })),
      }),
    );
  }
  return bodies;
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("timed out");
}

describe("transactional outbox relay", () => {
  it("orders placed while SNS is unreachable all reach the queue once it returns, each exactly once", async () => {
    const direct = awsClientConfig({ AWS_REGION: "us-east-1", AWS_ENDPOINT_URL: emulator.endpoint });
    const topology = await ensureConsumerQueue(direct, {
      topicName: "order-events",
      queueName: "outage-test",
    });
    const viaSwitch = awsClientConfig({
      AWS_REGION: "us-east-1",
      AWS_ENDPOINT_URL: `http://127.0.0.1:${sqsSwitch.port}`,
    });
    sqsSwitch.setUp(false);

    // Two relays, as with two order-svc replicas, both trying through the outage.
    const relays = [1, 2].map(() =>
      startOutboxRelay({
        db: stack.db,
        publisher: createSnsPublisher(viaSwitch, "order-events"),
        log: stack.log,
        databaseUrl: stack.orderDbUrl,
        pollMs: 100,
        batchSize: 7,
      }),
    );
    let placed: { id: string }[];
    try {
      const p = await stack.makeProduct(100);
      placed = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          stack.orders
            .as(shopper(200 + i))
            .orders.place.mutate({ idempotencyKey: randomUUID(), items: [{ productId: p.id, quantity: 1 }] }),
        ),
      );
      // Every event is tried and fails while SNS is unreachable; none is lost or published.
      await waitUntil(
        async () => (await stack.db.outboxEvent.count({ where: { attempts: 0 } })) === 0,
        20_000,
      );
      const waiting = await stack.db.outboxEvent.findMany({ where: { publishedAt: null } });
      expect(waiting).toHaveLength(12);
      expect(waiting.every((e) => e.lastError)).toBe(true);
      const metrics = await (await fetch(`${stack.orders.url}/metrics`)).text();
      expect(metrics).toMatch(/^outbox_unpublished_events 12$/m);
      expect(metrics).toMatch(/^outbox_oldest_unpublished_age_seconds [0-9.]+$/m);

      sqsSwitch.setUp(true);
      await waitUntil(
        async () => (await stack.db.outboxEvent.count({ where: { publishedAt: null } })) === 0,
        30_000,
      );
    } finally {
      await Promise.all(relays.map((r) => r.stop()));
    }

    const sqs = new SQSClient(direct);
    const bodies = await drainQueue(sqs, topology.queueUrl);
    sqs.destroy();
    const events = bodies.map((b) => {
      const envelope = JSON.parse(b) as { Subject: string; Message: string };
      const event = orderEventSchema.parse(JSON.parse(envelope.Message));
      expect(envelope.Subject).toBe(event.type);
      return event;
    });
    expect(events).toHaveLength(12);
    expect(new Set(events.map((e) => e.eventId)).size).toBe(12);
    const orderIds = events
      .map((e) => (e.type === "order.created" || e.version === 2 ? e.order.id : e.orderId))
      .sort();
    expect(orderIds).toEqual(placed.map((o) => o.id).sort());
  });

  it("a batch stops at the first failure and reschedules that row with backoff", async () => {
    const unreachable = awsClientConfig({
      AWS_REGION: "us-east-1",
      AWS_ENDPOINT_URL: `http://127.0.0.1:${sqsSwitch.port}`,
    });
    sqsSwitch.setUp(false);
    const p = await stack.makeProduct(10);
    await stack.orders
      .as(shopper(300))
      .orders.place.mutate({ idempotencyKey: randomUUID(), items: [{ productId: p.id, quantity: 1 }] });
    const publisher = createSnsPublisher(unreachable, "order-events");
    expect(await publishBatch(stack.db, publisher, stack.log, 10)).toBe(0);
    const row = await stack.db.outboxEvent.findFirstOrThrow({
      where: { publishedAt: null },
      orderBy: { createdAt: "desc" },
    });
    expect(row.attempts).toBe(1);
    expect(row.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
    // Not due yet: a second pass publishes nothing and does not burn another attempt.
    expect(await publishBatch(stack.db, publisher, stack.log, 10)).toBe(0);
    expect((await stack.db.outboxEvent.findUniqueOrThrow({ where: { id: row.id } })).attempts).toBe(1);
    publisher.close();
    sqsSwitch.setUp(true);
  });
});
