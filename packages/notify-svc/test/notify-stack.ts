import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { PublishCommand, SNSClient } from "@aws-sdk/client-sns";
import { GetQueueAttributesCommand, SQSClient } from "@aws-sdk/client-sqs";
import { type AwsClientConfig, awsClientConfig } from "@shop/events/aws";
import { orderEventSamples } from "@shop/events/fixtures";
import type {
  OrderCreatedEvent,
  OrderEvent,
  OrderStatusUpdatedV1Event,
  OrderStatusUpdatedV2Event,
} from "@shop/events/order-events";
import { type ConsumerQueue, ensureConsumerQueue } from "@shop/events/topology";
import { type MessagingEmulatorHandle, startMessagingEmulator } from "@shop/local-stack/messaging";
import { type SmtpCatcherHandle, startSmtpCatcher } from "@shop/local-stack/smtp";
import { createLogger } from "@shop/service-kit/log";
import { startTestService, type TestService } from "@shop/testing/service";
import { startTcpSwitch } from "@shop/testing/tcp-switch";
import { createTestDatabase, type TestDatabase } from "@shop/testing/test-db";
import { inject } from "vitest";
import { createDb, type Db } from "../src/db.ts";
import { createMailer, type Mailer } from "../src/email/mailer.ts";
import { createNotificationHub, type NotificationHub } from "../src/live/notification-hub.ts";
import { type AppRouter, appRouter } from "../src/router/index.ts";

const migrationsDir = fileURLToPath(new URL("../../../prisma/notify/migrations", import.meta.url));
export const WEB_URL = "http://shop.test";
/** The test queue's redrive count: the third receive of a message moves it to the DLQ. */
export const MAX_RECEIVE_COUNT = 2;

export interface NotifyStack {
  database: TestDatabase;
  db: Db;
  hub: NotificationHub;
  mailer: Mailer;
  emulator: MessagingEmulatorHandle;
  aws: AwsClientConfig;
  sqs: SQSClient;
  topology: ConsumerQueue;
  smtp: SmtpCatcherHandle;
  /** Switch between notify-svc and the SMTP catcher: setUp(false) is "the mail server is down". */
  smtpSwitch: Awaited<ReturnType<typeof startTcpSwitch>>;
  svc: TestService<AppRouter>;
  log: ReturnType<typeof createLogger>;
  publish(event: OrderEvent, subject?: string): Promise<void>;
  publishRaw(message: string, subject: string): Promise<void>;
  /** Messages on a queue: waiting plus received and not yet deleted (in flight). */
  queueDepth(queueUrl: string): Promise<number>;
  close(): Promise<void>;
}

/** A real database, SNS/SQS emulator (queue with DLQ after 2 receives, 2 s visibility) and SMTP catcher. */
export async function startNotifyStack(): Promise<NotifyStack> {
  const log = createLogger("notify-test", process.env.TEST_LOG_LEVEL ?? "silent");
  const database = await createTestDatabase(inject("pgAdminUrl"), migrationsDir);
  const db = createDb(database.url, 10);
  const hub = createNotificationHub(database.url, log);
  const emulator = await startMessagingEmulator();
  const aws = awsClientConfig({ AWS_REGION: "us-east-1", AWS_ENDPOINT_URL: emulator.endpoint });
  const topology = await ensureConsumerQueue(aws, {
    topicName: "order-events",
    queueName: `notify-${randomUUID().slice(0, 8)}`,
    maxReceiveCount: MAX_RECEIVE_COUNT,
    visibilityTimeoutSeconds: 2,
  });
  const smtp = await startSmtpCatcher();
  const smtpSwitch = await startTcpSwitch(Number(new URL(smtp.smtpUrl).port));
  smtpSwitch.setUp(true);
  const mailer = createMailer(`smtp://127.0.0.1:${smtpSwitch.port}`, "Storefront <orders@shop.test>");
  const sqs = new SQSClient(aws);
  const sns = new SNSClient(aws);
  const svc = await startTestService({
    name: "notify-svc",
    router: appRouter,
    deps: { db, hub, mailer, webUrl: WEB_URL },
  });
  const publishRaw = async (message: string, subject: string) => {
    await sns.send(new PublishCommand({ TopicArn: topology.topicArn, Subject: subject, Message: message }));
  };
  return {
    database,
    db,
    hub,
    mailer,
    emulator,
    aws,
    sqs,
    topology,
    smtp,
    smtpSwitch,
    svc,
    log,
    publish: (event, subject) => publishRaw(JSON.stringify(event), subject ?? event.type),
    publishRaw,
    async queueDepth(queueUrl) {
      const { Attributes } = await sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl: queueUrl,
          AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
        }),
      );
      return (
        Number(Attributes?.ApproximateNumberOfMessages ?? 0) +
        Number(Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0)
      );
    },
    async close() {
      await svc.close();
      await hub.stop();
      mailer.close();
      sqs.destroy();
      sns.destroy();
      await smtpSwitch.close();
      await smtp.stop();
      await emulator.stop();
      await db.$disconnect();
      await database.drop();
    },
  };
}

export function orderCreated(
  userId: string,
  email: string,
  overrides: Partial<OrderCreatedEvent["order"]> = {},
): OrderCreatedEvent {
  const orderId = randomUUID();
  return {
    type: "order.created",
    version: 1,
    eventId: randomUUID(),
    occurredAt: new Date().toISOString(),
    order: {
      id: orderId,
      userId,
      email,
      status: "PENDING",
      currency: "USD",
      subtotalCents: 5997,
      createdAt: new Date().toISOString(),
      items: [
        {
          productId: randomUUID(),
          name: "Cast Iron Skillet <26 cm>",
          unitPriceCents: 1999,
          quantity: 3,
          lineTotalCents: 5997,
        },
      ],
      ...overrides,
    },
  };
}

export function statusUpdated(
  userId: string,
  email: string,
  orderId: string,
  to: OrderStatusUpdatedV1Event["to"],
): OrderStatusUpdatedV1Event {
  return {
    type: "order.status.updated",
    version: 1,
    eventId: randomUUID(),
    occurredAt: new Date().toISOString(),
    orderId,
    userId,
    email,
    from: "CONFIRMED",
    to,
    changedBy: { id: "admin", role: "ADMIN" },
  };
}

/** The order.status.updated v2 sample of @shop/events (note included), for this user and order, with a fresh event id. */
export function statusUpdatedV2(
  userId: string,
  email: string,
  orderId: string,
  to: OrderStatusUpdatedV2Event["status"]["to"],
): OrderStatusUpdatedV2Event {
  return {
    ...orderEventSamples["order.status.updated@2"],
    eventId: randomUUID(),
    occurredAt: new Date().toISOString(),
    order: { id: orderId, userId, email },
    status: { from: "CONFIRMED", to },
  };
}

export async function waitFor<T>(
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 100));
  }
}
