import { awsClientConfig } from "@shop/events/aws";
import { ensureConsumerQueue } from "@shop/events/topology";
import { retryInBackground } from "@shop/service-kit/background";
import { migrationsDirFrom, runService } from "@shop/service-kit/run";
import { createDb } from "./db.ts";
import { loadEnv } from "./env.ts";
import { appRouter } from "./router/index.ts";

const env = loadEnv();

await runService({
  name: "notify-svc",
  env,
  router: appRouter,
  migrationsDir: migrationsDirFrom(import.meta.url, "notify"),
  async init(log) {
    const db = createDb(env.DATABASE_URL, env.DB_POOL_MAX);
    // Topic, queue, DLQ (redrive policy) and subscription, idempotently; retried while SQS is down.
    const provisioning = retryInBackground({
      log,
      label: "create notification queue",
      task: async () => {
        const topology = await ensureConsumerQueue(awsClientConfig(env), {
          topicName: env.ORDER_EVENTS_TOPIC,
          queueName: env.NOTIFY_QUEUE,
        });
        log.info({ queueUrl: topology.queueUrl, dlqUrl: topology.dlqUrl }, "notification queue ready");
        return topology;
      },
    });
    return {
      deps: { db },
      readiness: () => db.$queryRaw`SELECT 1`,
      onShutdown: async () => {
        provisioning.stop();
        await db.$disconnect();
      },
    };
  },
});
