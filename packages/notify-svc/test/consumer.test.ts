import { randomUUID } from "node:crypto";
import { GetQueueAttributesCommand, ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import { callers } from "@shop/testing/service";
import type { TRPCClientError } from "@trpc/client";
import type { Consumer } from "sqs-consumer";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { recordNotifications } from "../src/consumer/notification-store.ts";
import { createOrderEventsConsumer, stopConsumer as stop } from "../src/consumer/order-events-consumer.ts";
import { deliverEventEmails } from "../src/email/delivery.ts";
import type { AppRouter } from "../src/router/index.ts";
import {
  MAX_RECEIVE_COUNT,
  type NotifyStack,
  orderCreated,
  startNotifyStack,
  statusUpdated,
  statusUpdatedV2,
  WEB_URL,
  waitFor,
} from "./notify-stack.ts";

let stack: NotifyStack;
let consumer: Consumer | undefined;
beforeAll(async () => {
  stack = await startNotifyStack();
});
async function stopConsumer() {
  const running = consumer;
  consumer = undefined;
  if (running) await stop(running);
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
    maxReceiveCount: MAX_RECEIVE_COUNT,
  });
  consumer.start();
}
const queueDepth = (queueUrl: string) => stack.queueDepth(queueUrl);
/** The end marker of a test that consumed messages: none left waiting or in flight. */
const queueSettled = () => waitFor(async () => (await queueDepth(stack.topology.queueUrl)) === 0, 20_000);
const dlqCount = async () => {
  const { Attributes } = await stack.sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: stack.topology.dlqUrl,
      AttributeNames: ["ApproximateNumberOfMessages"],
    }),
  );
  return Number(Attributes?.ApproximateNumberOfMessages ?? 0);
};
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
    // Rendered once, when recorded, and sent as stored.
    expect(row.emailSubject).toBe(mail.subject);
    expect(row.leaseUntil).toBeNull();
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
    await queueSettled();
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
    // End marker: every message handled or dead-lettered, none waiting or in flight.
    await queueSettled();
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

  it("an email failing on every receive is left FAILED and its message deleted before SQS would dead-letter it", async () => {
    const u = user(6);
    const event = orderCreated(u.id, u.email);
    const deadBefore = await dlqCount();
    stack.smtpSwitch.setUp(false);
    startConsumer();
    await stack.publish(event);
    await waitFor(() =>
      stack.db.notification.findFirst({
        where: { eventId: event.eventId, status: "FAILED", attempts: MAX_RECEIVE_COUNT },
      }),
    );
    await queueSettled();
    expect(await dlqCount()).toBe(deadBefore); // not poison: nothing for the DLQ
    await stopConsumer();
    stack.smtpSwitch.setUp(true);
    const failed = await stack.db.notification.findFirstOrThrow({ where: { eventId: event.eventId } });
    expect(failed.lastError).toBeTruthy();
    const retried = await stack.svc.as(callers.admin).notifications.retry.mutate({ id: failed.id });
    expect([retried.outcome, retried.status, retried.attempts]).toEqual([
      "sent",
      "SENT",
      MAX_RECEIVE_COUNT + 1,
    ]);
    expect(mailsTo(u.email)).toHaveLength(1);
  });

  it("consumes v1 and v2 of order.status.updated side by side (the @shop/events samples)", async () => {
    const u = user(7);
    const orderId = randomUUID();
    const v1 = statusUpdated(u.id, u.email, orderId, "SHIPPED");
    const v2 = statusUpdatedV2(u.id, u.email, orderId, "CANCELLED");
    startConsumer();
    await stack.publish(v1);
    await stack.publish(v2);
    await waitFor(
      async () => (await stack.db.notification.count({ where: { userId: u.id, status: "SENT" } })) === 2,
    );
    await queueSettled();
    const rows = await stack.db.notification.findMany({
      where: { userId: u.id },
      select: { eventId: true, orderId: true, orderStatus: true, recipient: true, body: true },
    });
    expect(rows).toHaveLength(2);
    const byEvent = new Map(rows.map((r) => [r.eventId, r]));
    expect(byEvent.get(v1.eventId)).toMatchObject({ orderId, orderStatus: "SHIPPED", recipient: u.email });
    expect(byEvent.get(v2.eventId)).toMatchObject({ orderId, orderStatus: "CANCELLED", recipient: u.email });
    expect(byEvent.get(v2.eventId)?.body).toContain(v2.note);
    const ref = orderId.slice(0, 8).toUpperCase();
    expect(
      mailsTo(u.email)
        .map((m) => m.subject)
        .sort(),
    ).toEqual([`Order ${ref}: order cancelled`, `Order ${ref}: order shipped`]);
    expect(mailsTo(u.email).find((m) => m.subject.endsWith("cancelled"))?.text).toContain(v2.note);
  });

  it("a claim left by a crashed sender is taken over when its lease runs out, without burning receives", async () => {
    const u = user(8);
    const event = orderCreated(u.id, u.email);
    await recordNotifications(stack.db, [event], WEB_URL);
    // A sender claimed it and died: SENDING with a lease that outlives the queue's visibility timeout.
    await stack.db.$executeRaw`
      UPDATE notifications SET status = 'SENDING', attempts = 1, lease_until = now() + interval '3 seconds'
      WHERE event_id = ${event.eventId}::uuid`;
    const deadBefore = await dlqCount();
    startConsumer();
    await stack.publish(event);
    const sent = await waitFor(
      () => stack.db.notification.findFirst({ where: { eventId: event.eventId, status: "SENT" } }),
      20_000,
    );
    await queueSettled();
    expect(sent.attempts).toBe(2);
    expect(mailsTo(u.email)).toHaveLength(1);
    expect(await dlqCount()).toBe(deadBefore);
  });

  it("concurrent deliveries of one notification (replicas, admin retry) send one email", async () => {
    const u = user(9);
    const event = orderCreated(u.id, u.email);
    await recordNotifications(stack.db, [event], WEB_URL);
    const deps = { db: stack.db, mailer: stack.mailer, log: stack.log, webUrl: WEB_URL };
    const outcomes = await Promise.all(
      Array.from({ length: 6 }, async () =>
        (await deliverEventEmails(deps, [event.eventId])).get(event.eventId),
      ),
    );
    expect(outcomes.filter((o) => o === "sent").length).toBeGreaterThanOrEqual(1);
    expect(outcomes.every((o) => o === "sent" || o === "busy")).toBe(true);
    const row = await stack.db.notification.findFirstOrThrow({ where: { eventId: event.eventId } });
    expect([row.status, row.attempts]).toEqual(["SENT", 1]);
    expect(mailsTo(u.email)).toHaveLength(1);
  });
});
