import { ListSubscriptionsByTopicCommand, PublishCommand, SNSClient } from "@aws-sdk/client-sns";
import { GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { type MessagingEmulatorHandle, startMessagingEmulator } from "@shop/local-stack/messaging";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AwsClientConfig, awsClientConfig } from "../src/aws-config.ts";
import { ensureConsumerQueue, ensureTopic } from "../src/topology.ts";

let emulator: MessagingEmulatorHandle;
let config: AwsClientConfig;
beforeAll(async () => {
  emulator = await startMessagingEmulator();
  config = awsClientConfig({ AWS_REGION: "us-east-1", AWS_ENDPOINT_URL: emulator.endpoint });
});
afterAll(() => emulator.stop());

describe("order events topology", () => {
  it("is idempotent: the same topic, queues and a single subscription on every start", async () => {
    const first = await ensureConsumerQueue(config, {
      topicName: "order-events",
      queueName: "notify",
      maxReceiveCount: 3,
    });
    const second = await ensureConsumerQueue(config, {
      topicName: "order-events",
      queueName: "notify",
      maxReceiveCount: 3,
    });
    expect(second).toEqual(first);
    expect(await ensureTopic(config, "order-events")).toBe(first.topicArn);

    const sns = new SNSClient(config);
    const subs = await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: first.topicArn }));
    expect(subs.Subscriptions?.filter((s) => s.Endpoint === first.queueArn)).toHaveLength(1);
    sns.destroy();
  });

  it("sends poison messages to the DLQ via the redrive policy", async () => {
    const topology = await ensureConsumerQueue(config, {
      topicName: "order-events",
      queueName: "notify",
      maxReceiveCount: 3,
    });
    const sqs = new SQSClient(config);
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: topology.queueUrl, AttributeNames: ["RedrivePolicy"] }),
    );
    expect(JSON.parse(Attributes?.RedrivePolicy ?? "{}")).toEqual({
      deadLetterTargetArn: topology.dlqArn,
      maxReceiveCount: 3,
    });
    sqs.destroy();
  });

  it("delivers a published event into the queue in an SNS envelope carrying Subject and attributes", async () => {
    const topology = await ensureConsumerQueue(config, { topicName: "order-events", queueName: "notify" });
    const sns = new SNSClient(config);
    await sns.send(
      new PublishCommand({
        TopicArn: topology.topicArn,
        Subject: "order.created",
        Message: JSON.stringify({ hello: "world" }),
        MessageAttributes: { eventType: { DataType: "String", StringValue: "order.created" } },
      }),
    );
    const sqs = new SQSClient(config);
    const { Messages } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: topology.queueUrl, WaitTimeSeconds: 2, MaxNumberOfMessages: 10 }),
    );
    const envelope = JSON.parse(Messages?.[0]?.Body ?? "{}") as {
      Subject?: string;
      Message?: string;
      MessageAttributes?: Record<string, { Value: string }>;
    };
    expect(envelope.Subject).toBe("order.created");
    expect(JSON.parse(envelope.Message ?? "{}")).toEqual({ hello: "world" });
    expect(envelope.MessageAttributes?.eventType?.Value).toBe("order.created");
    sns.destroy();
    sqs.destroy();
  });
});
