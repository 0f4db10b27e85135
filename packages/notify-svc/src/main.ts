import { SQSClient } from "@aws-sdk/client-sqs";
import { awsClientConfig } from "@shop/events/aws";
import { ensureConsumerQueue } from "@shop/events/topology";
import { retryInBackground } from "@shop/service-kit/background";
import { migrationsDirFrom, runService } from "@shop/service-kit/run";
import type { Consumer } from "sqs-consumer";
import { registerConsumerMetrics } from "./consumer/lag-metrics.ts";
import { createOrderEventsConsumer, stopConsumer } from "./consumer/order-events-consumer.ts";
import { createDb } from "./db.ts";
import { createMailer } from "./email/mailer.ts";
import { loadEnv } from "./env.ts";
import { createNotificationHub } from "./live/notification-hub.ts";
import { appRouter } from "./router/index.ts";

const env = loadEnv();

await runService({
  name: "notify-svc",
  env,
  router: appRouter,
  migrationsDir: migrationsDirFrom(import.meta.url, "notify"),
  async init(log) {
    const db = createDb(env.DATABASE_URL, env.DB_POOL_MAX);
    const mailer = createMailer(env.SMTP_URL, env.MAIL_FROM, { maxConnections: env.SMTP_MAX_CONNECTIONS });
    const hub = createNotificationHub(env.DATABASE_URL, log);
    const aws = awsClientConfig(env);
    const sqs = new SQSClient(aws);
    const consumers: Consumer[] = [];
    let stopping = false;
    // Topic, queue, DLQ (redrive policy) and subscription are created idempotently, retried while SQS
    // is down; the consumer starts once they exist. The API (notification lists, live stream) is up meanwhile.
    const provisioning = retryInBackground({
      log,
      label: "create notification queue",
      task: () =>
        ensureConsumerQueue(aws, {
          topicName: env.ORDER_EVENTS_TOPIC,
          queueName: env.NOTIFY_QUEUE,
          maxReceiveCount: env.MAX_RECEIVE_COUNT,
          visibilityTimeoutSeconds: env.VISIBILITY_TIMEOUT_SECONDS,
        }),
    });
    void provisioning.result.then((topology) => {
      log.info({ queueUrl: topology.queueUrl, dlqUrl: topology.dlqUrl }, "notification queue ready");
      registerConsumerMetrics(sqs, topology.queueUrl, topology.dlqUrl);
      if (!env.CONSUMER_ENABLED || stopping) return;
      // Several pollers on the one queue: SQS hands each its own messages, so batches overlap their
      // SMTP and database waits instead of queueing behind each other.
      for (let i = 0; i < env.CONSUMER_CONCURRENCY; i++) {
        const consumer = createOrderEventsConsumer({
          db,
          mailer,
          log,
          webUrl: env.PUBLIC_WEB_URL,
          sqs,
          queueUrl: topology.queueUrl,
          visibilityTimeoutSeconds: env.VISIBILITY_TIMEOUT_SECONDS,
          maxReceiveCount: env.MAX_RECEIVE_COUNT,
          leaseSeconds: env.EMAIL_LEASE_SECONDS,
          stopTimeoutMs: env.CONSUMER_STOP_TIMEOUT_SECONDS * 1000,
        });
        consumer.start();
        consumers.push(consumer);
      }
    });
    return {
      deps: { db, hub, mailer, webUrl: env.PUBLIC_WEB_URL },
      readiness: () => db.$queryRaw`SELECT 1`,
      // First, while HTTP still serves: no new batches, and the ones in flight finish their sends and
      // delete their messages (they need the mailer, SQS and the database, which close only after).
      stopIntake: async () => {
        stopping = true;
        provisioning.stop();
        await Promise.all(consumers.map(stopConsumer));
        log.info("queue consumers stopped");
      },
      // Last, after the HTTP drain.
      onShutdown: async () => {
        await hub.stop();
        mailer.close();
        sqs.destroy();
        await db.$disconnect();
      },
    };
  },
});
