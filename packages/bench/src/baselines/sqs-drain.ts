import { DeleteMessageBatchCommand, ReceiveMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";

/**
 * The consumer baseline: one receive/delete loop, the shape of sqs-consumer's (batches of 10, long
 * poll), doing nothing with the messages. Resolves with the time the `count`-th message was deleted.
 */
export async function drainQueue(
  sqs: SQSClient,
  queueUrl: string,
  count: number,
  deadline: number,
): Promise<{ received: number; lastDeletedAt: number }> {
  let received = 0;
  let lastDeletedAt = Date.now();
  while (received < count && Date.now() < deadline) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
    );
    if (Messages.length === 0) continue;
    await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })),
      }),
    );
    received += Messages.length;
    lastDeletedAt = Date.now();
  }
  return { received, lastDeletedAt };
}
