import { GetQueueAttributesCommand, type SQSClient } from "@aws-sdk/client-sqs";
import { registerGauge } from "@shop/service-kit/metrics";

async function depth(sqs: SQSClient, queueUrl: string): Promise<number> {
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
}

/** Consumer lag for /metrics: messages waiting or in flight on the queue, and messages given up on in the DLQ. */
export function registerConsumerMetrics(sqs: SQSClient, queueUrl: string, dlqUrl: string): void {
  registerGauge({
    name: "consumer_queue_depth",
    help: "Order events queued for notify-svc (waiting + in flight)",
    collect: () => depth(sqs, queueUrl),
  });
  registerGauge({
    name: "consumer_dead_letter_depth",
    help: "Order events moved to the dead-letter queue after repeated failures",
    collect: () => depth(sqs, dlqUrl),
  });
}
