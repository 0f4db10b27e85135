import type { Message, SQSClient } from "@aws-sdk/client-sqs";
import type { Logger } from "@shop/service-kit/log";
import { Consumer } from "sqs-consumer";
import type { Db } from "../db.ts";
import type { Mailer } from "../email/mailer.ts";
import { PoisonMessageError, parseOrderEventMessage } from "./envelope.ts";
import { deliverEmail, MAX_EMAIL_ATTEMPTS, recordNotification } from "./notification-store.ts";

export interface ConsumerDeps {
  db: Db;
  mailer: Mailer;
  log: Logger;
  webUrl: string;
}

/**
 * Handles one SQS message; true means "done, delete it". Poison and failed messages return false and
 * come back after the visibility timeout; the redrive policy moves a message that keeps failing to the
 * DLQ. A redelivered event finds its notification already recorded and only retries the email if it
 * has not been sent.
 */
export async function handleOrderEventMessage(deps: ConsumerDeps, message: Message): Promise<boolean> {
  try {
    const event = parseOrderEventMessage(message.Body);
    const notification = await recordNotification(deps.db, event, deps.webUrl);
    if (notification.status === "SENT") return true;
    if (notification.attempts >= MAX_EMAIL_ATTEMPTS) {
      deps.log.warn(
        { eventId: event.eventId, attempts: notification.attempts },
        "email keeps failing; left FAILED for an admin retry",
      );
      return true;
    }
    const outcome = await deliverEmail(deps.db, (m) => deps.mailer.send(m), notification.id, deps.webUrl);
    if (outcome === "failed") deps.log.warn({ eventId: event.eventId }, "email failed; SQS will redeliver");
    else if (outcome === "sent")
      deps.log.info({ eventId: event.eventId, type: event.type }, "notification sent");
    return outcome === "sent";
  } catch (error) {
    if (error instanceof PoisonMessageError) {
      deps.log.error(
        { messageId: message.MessageId, reason: error.message },
        "poison message; leaving it for the DLQ",
      );
    } else {
      deps.log.error(
        { messageId: message.MessageId, err: error },
        "message processing failed; SQS will redeliver",
      );
    }
    return false;
  }
}

export function createOrderEventsConsumer(
  deps: ConsumerDeps & {
    sqs: SQSClient;
    queueUrl: string;
    visibilityTimeoutSeconds?: number;
    waitTimeSeconds?: number;
  },
): Consumer {
  const consumer = Consumer.create({
    queueUrl: deps.queueUrl,
    sqs: deps.sqs,
    batchSize: 10,
    waitTimeSeconds: deps.waitTimeSeconds ?? 5,
    visibilityTimeout: deps.visibilityTimeoutSeconds ?? 30,
    // Keeps extending the visibility of messages still being processed (a slow SMTP server), so SQS
    // does not hand the same message to another receive meanwhile and burn one of its redeliveries.
    heartbeatInterval: Math.max(1, Math.floor((deps.visibilityTimeoutSeconds ?? 30) / 2)),
    handleMessageBatch: async (messages) => {
      const results = await Promise.all(messages.map((m) => handleOrderEventMessage(deps, m)));
      return messages.filter((_, i) => results[i]);
    },
  });
  consumer.on("error", (error) => deps.log.error({ err: error }, "SQS consumer error"));
  consumer.on("processing_error", (error) => deps.log.error({ err: error }, "SQS batch processing error"));
  return consumer;
}
