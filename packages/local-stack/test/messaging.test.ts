import { CreateTopicCommand, PublishCommand, SNSClient, SubscribeCommand } from "@aws-sdk/client-sns";
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MessagingEmulatorHandle, startMessagingEmulator } from "../src/infra/messaging.ts";

describe("messaging emulator", () => {
  let emulator: MessagingEmulatorHandle;
  let sns: SNSClient;
  let sqs: SQSClient;

  beforeAll(async () => {
    emulator = await startMessagingEmulator({ port: 0 });
    const clientConfig = {
      endpoint: emulator.endpoint,
      region: "us-east-1",
      credentials: { accessKeyId: "test", secretAccessKey: "test" },
    };
    sns = new SNSClient(clientConfig);
    sqs = new SQSClient(clientConfig);
  });
  afterAll(async () => {
    sns?.destroy();
    sqs?.destroy();
    await emulator?.stop();
  });

  it("listens on loopback only", () => {
    expect(emulator.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("delivers a message published to a topic into a subscribed queue", async () => {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: "order-events" }));
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: "notify-order-events" }));
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["QueueArn"] }),
    );
    await sns.send(
      new SubscribeCommand({
        TopicArn,
        Protocol: "sqs",
        Endpoint: Attributes?.QueueArn,
        Attributes: { RawMessageDelivery: "true" },
      }),
    );

    const event = { type: "order.placed", orderId: "o-1" };
    await sns.send(new PublishCommand({ TopicArn, Message: JSON.stringify(event) }));

    const { Messages } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 2, MaxNumberOfMessages: 1 }),
    );
    expect(Messages).toHaveLength(1);
    expect(JSON.parse(Messages?.[0]?.Body ?? "null")).toEqual(event);
  });
});
