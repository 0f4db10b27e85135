import { PublishCommand, SNSClient } from "@aws-sdk/client-sns";
import type { AwsClientConfig } from "@shop/events/aws";
import { ensureTopic } from "@shop/events/topology";

export interface OutboxMessage {
  id: string;
  eventType: string;
  payload: unknown;
}

export interface EventPublisher {
  publish(message: OutboxMessage): Promise<void>;
  close(): void;
}

/**
 * Publishes outbox rows to the order events topic: Subject = event type (consumers route on it) and
 * message attributes eventType/eventId (SNS filter policies can only match attributes or the body).
 * The topic ARN is resolved lazily, so a publisher created while SNS is down simply fails its first
 * publishes and the relay backs off.
 */
export function createSnsPublisher(config: AwsClientConfig, topicName: string): EventPublisher {
  const sns = new SNSClient({ ...config, maxAttempts: 1 });
  let topicArn: string | undefined;
  return {
    async publish(message) {
      topicArn ??= await ensureTopic(config, topicName);
      await sns.send(
        new PublishCommand({
          TopicArn: topicArn,
          Subject: message.eventType,
          Message: JSON.stringify(message.payload),
          MessageAttributes: {
            eventType: { DataType: "String", StringValue: message.eventType },
            eventId: { DataType: "String", StringValue: message.id },
          },
        }),
        { abortSignal: AbortSignal.timeout(5_000) },
      );
    },
    close: () => sns.destroy(),
  };
}
