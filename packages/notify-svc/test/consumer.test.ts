import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { GetQueueAttributesCommand, ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import { callers } from "@shop/testing/service";
import type { TRPCClientError } from "@trpc/client";
import type { Consumer } from "sqs-consumer";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createOrderEventsConsumer } from "../src/consumer/order-events-consumer.ts";
import type { AppRouter } from "../src/router/index.ts";
import {
  type NotifyStack,
  orderCreated,
  startNotifyStack,
  statusUpdated,
  WEB_URL,
  waitFor,
} from "./notify-stack.ts";

let stack: NotifyStack;
let consumer: Consumer | undefined;
beforeAll(async () => {
  stack = await startNotifyStack();
});
/**
 * Stops without aborting: an aborted long poll can still be answered by the emulator, and the message
 * it carried would burn one of its receives (and land in the DLQ early) without anyone seeing it.
 */
async function stopConsumer() {
  const running = consumer;
  consumer = undefined;
  if (!running?.status.isRunning) return;
  const stopped = once(running, "stopped");
  running.stop({ abort: false });
  await stopped;
}
afterEach(async () => {
  await stopConsumer();
  stack.smtpSwitch.setUp(true);
});
afterAll(() => stack?.close());

function startConsumer() {
  consumer = createOrderEventsConsumer({
    db: stack.db,
    mailer: stack.mailer,
    log: stack.log,
    webUrl: WEB_URL,
    sqs: stack.sqs,
    queueUrl: stack.topology.queueUrl,
    visibilityTimeoutSeconds: 2,
    waitTimeSeconds: 1,
  });
  consumer.start();
}
async function queueDepth(queueUrl: string): Promise<number> {
  const { Attributes } = await stack.sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
    }),
  );
  return (
    Number(Attributes?.ApproximateNumberOfMessages ?? 0) +
    Number(Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0)
  );
}
const mailsTo = (address: string) => stack.smtp.messages().filter((m) => m.to.includes(address));
const user = (i: number) => ({
  id: `00000000-0000-4000-9000-${String(i).padStart(12, "0")}`,
  email: `buyer${i}@example.test`,
});

describe("order events consumer", () => {
  it("turns order.created into one SENT notification and an HTML + text email to the event's address", async () => {
    const u = user(1);
    const event = orderCreated(u.id, u.email);
    startConsumer();
    await stack.publish(event);
    const mail = await stack.smtp.waitFor((m) => m.to.includes(u.email), 10_000);
    expect(mail.subject).toBe(`Your Storefront order ${event.order.id.slice(0, 8).toUpperCase()} ($59.97)`);
    expect(mail.html).toContain("Cast Iron Skillet &lt;26 cm&gt;");
    expect(mail.html).toContain(`${WEB_URL}/orders/${event.order.id}`);
    expect(mail.text).toContain("3 × $19.99 = $59.97");
    const row = await waitFor(() =>
      stack.db.notification.findFirst({ where: { eventId: event.eventId, status: "SENT" } }),
    );
    expect([row.recipient, row.userId, row.attempts, row.orderStatus]).toEqual([u.email, u.id, 1, "PENDING"]);
  });

  it("a duplicate message makes one notification and one email", async () => {
    const u = user(2);
    const event = orderCreated(u.id, u.email);
    await stack.publish(event);
    await stack.publish(event);
    startConsumer();
    await waitFor(() =>
      stack.db.notification.findFirst({ where: { eventId: event.eventId, status: "SENT" } }),
    );
    // Both copies handled (deleted from the queue), not just the first.
    await waitFor(async () => (await queueDepth(stack.topology.queueUrl)) === 0, 15_000);
    expect(await stack.db.notification.count({ where: { eventId: event.eventId } })).toBe(1);
    expect(mailsTo(u.email)).toHaveLength(1);
  });

  it("poison messages go to the DLQ after maxReceiveCount while good ones keep flowing", async () => {
    const u = user(3);
    await stack.publishRaw("{not json", "order.created");
    await stack.publishRaw(JSON.stringify({ type: "order.exploded", version: 1 }), "order.exploded");
    const blank = orderCreated(u.id, u.email);
    await stack.publishRaw(
      JSON.stringify({ ...blank, order: { ...blank.order, email: "" } }),
      "order.created",
    );
    const mismatched = statusUpdated(u.id, u.email, randomUUID(), "SHIPPED");
    await stack.publish(mismatched, "order.created");
    const good = orderCreated(u.id, u.email);
    await stack.publish(good);
    startConsumer();
    await waitFor(() =>
      stack.db.notification.findFirst({ where: { eventId: good.eventId, status: "SENT" } }),
    );
    const dlqCount = async () => {
      const { Attributes } = await stack.sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl: stack.topology.dlqUrl,
          AttributeNames: ["ApproximateNumberOfMessages"],
        }),
      );
      return Number(Attributes?.ApproximateNumberOfMessages ?? 0);
    };
    await waitFor(async () => (await dlqCount()) >= 4, 20_000);
    expect(await dlqCount()).toBe(4);
    expect(await stack.db.notification.count({ where: { userId: u.id } })).toBe(1);
    const dead = await stack.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: stack.topology.dlqUrl, MaxNumberOfMessages: 10 }),
    );
    expect(dead.Messages?.some((m) => (m.Body ?? "").includes("{not json"))).toBe(true);
  });

  it("SMTP down → FAILED with the error; SQS redelivers and it is SENT once the server is back", async () => {
    const u = user(4);
    const event = statusUpdated(u.id, u.email, randomUUID(), "SHIPPED");
    stack.smtpSwitch.setUp(false);
    startConsumer();
    await stack.publish(event);
    const failed = await waitFor(() =>
      stack.db.notification.findFirst({ where: { eventId: event.eventId, status: "FAILED" } }),
    );
    expect(failed.lastError).toBeTruthy();
    stack.smtpSwitch.setUp(true);
    const sent = await waitFor(() =>
      stack.db.notification.findFirst({ where: { eventId: event.eventId, status: "SENT" } }),
    );
    expect(sent.attempts).toBe(2);
    expect(mailsTo(u.email).map((m) => m.subject)).toEqual([
      `Order ${event.orderId.slice(0, 8).toUpperCase()}: order shipped`,
    ]);
  });

  it("an admin can resend a FAILED email, and only a FAILED one", async () => {
    const u = user(5);
    const event = orderCreated(u.id, u.email);
    stack.smtpSwitch.setUp(false);
    startConsumer();
    await stack.publish(event);
    const failed = await waitFor(() =>
      stack.db.notification.findFirst({ where: { eventId: event.eventId, status: "FAILED" } }),
    );
    await stopConsumer();
    stack.smtpSwitch.setUp(true);
    const result = await stack.svc.as(callers.admin).notifications.retry.mutate({ id: failed.id });
    expect(result.status).toBe("SENT");
    expect(mailsTo(u.email)).toHaveLength(1);
    const again = await stack.svc
      .as(callers.admin)
      .notifications.retry.mutate({ id: failed.id })
      .catch((e: TRPCClientError<AppRouter>) => e.data?.code);
    expect(again).toBe("PRECONDITION_FAILED");
    const shopperTry = await stack.svc
      .as(callers.shopper)
      .notifications.retry.mutate({ id: failed.id })
      .catch((e: TRPCClientError<AppRouter>) => e.data?.code);
    expect(shopperTry).toBe("FORBIDDEN");
  });
});
