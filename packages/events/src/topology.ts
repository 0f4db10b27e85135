import { CreateTopicCommand, SNSClient, SubscribeCommand } from "@aws-sdk/client-sns";
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  SetQueueAttributesCommand,
  SQSClient,
} from "@aws-sdk/client-sqs";
import type { AwsClientConfig } from "./aws-config.ts";

/**
 * Order events fan out through one SNS topic. Each consumer owns an SQS queue subscribed to it, with a
 * dead-letter queue that catches messages that failed `maxReceiveCount` times. Every call here is
 * idempotent (Create* return the existing resource), so services run it at every start-up.
 */
export async function ensureTopic(config: AwsClientConfig, topicName: string): Promise<string> {
  const sns = new SNSClient(config);
  try {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: topicName }));
    if (!TopicArn) throw new Error(`CreateTopic returned no ARN for ${topicName}`);
    return TopicArn;
  } finally {
    sns.destroy();
  }
}

export interface ConsumerQueue {
  topicArn: string;
  queueUrl: string;
  queueArn: string;
  dlqUrl: string;
  dlqArn: string;
}

async function queueArn(sqs: SQSClient, queueUrl: string): Promise<string> {
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["QueueArn"] }),
  );
  const arn = Attributes?.QueueArn;
  if (!arn) throw new Error(`no ARN for queue ${queueUrl}`);
  return arn;
}

export async function ensureConsumerQueue(
  config: AwsClientConfig,
  opts: { topicName: string; queueName: string; maxReceiveCount?: number; visibilityTimeoutSeconds?: number },
): Promise<ConsumerQueue> {
  const topicArn = await ensureTopic(config, opts.topicName);
  const sqs = new SQSClient(config);
  const sns = new SNSClient(config);
  try {
    const dlq = await sqs.send(
      new CreateQueueCommand({
        QueueName: `${opts.queueName}-dlq`,
        Attributes: { MessageRetentionPeriod: "1209600" },
      }),
    );
    if (!dlq.QueueUrl) throw new Error("CreateQueue returned no URL for the DLQ");
    const dlqArn = await queueArn(sqs, dlq.QueueUrl);

    const main = await sqs.send(new CreateQueueCommand({ QueueName: opts.queueName }));
    if (!main.QueueUrl) throw new Error("CreateQueue returned no URL for the queue");
    const mainArn = await queueArn(sqs, main.QueueUrl);
    // Set (not only create) attributes so a changed redrive count or timeout applies to an existing queue.
    await sqs.send(
      new SetQueueAttributesCommand({
        QueueUrl: main.QueueUrl,
        Attributes: {
          VisibilityTimeout: String(opts.visibilityTimeoutSeconds ?? 30),
          RedrivePolicy: JSON.stringify({
            deadLetterTargetArn: dlqArn,
            maxReceiveCount: opts.maxReceiveCount ?? 5,
          }),
          // Lets the topic deliver into the queue on real AWS; emulators ignore it.
          Policy: JSON.stringify({
            Version: "2012-10-17",
            Statement: [
              {
                Effect: "Allow",
                Principal: { Service: "sns.amazonaws.com" },
                Action: "sqs:SendMessage",
                Resource: mainArn,
                Condition: { ArnEquals: { "aws:SourceArn": topicArn } },
              },
            ],
          }),
        },
      }),
    );
    // Subscribe is idempotent for the same topic/protocol/endpoint/attributes.
    await sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: "sqs", Endpoint: mainArn }));
    return { topicArn, queueUrl: main.QueueUrl, queueArn: mainArn, dlqUrl: dlq.QueueUrl, dlqArn };
  } finally {
    sqs.destroy();
    sns.destroy();
  }
}
