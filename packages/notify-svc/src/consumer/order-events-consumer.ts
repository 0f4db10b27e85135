import { setTimeout } from "node:timers/promises";
import type { Message, SQSClient } from "@aws-sdk/client-sqs";
import type { OrderEvent } from "@shop/events/order-events";
import type { Logger } from "@shop/service-kit/log";
import { Consumer } from "sqs-consumer";
import type { Db } from "../db.ts";
import { type DeliveryOutcome, deliverEventEmails } from "../email/delivery.ts";
import type { Mailer } from "../email/mailer.ts";
import { PoisonMessageError, parseOrderEventMessage } from "./envelope.ts";
import { recordNotifications } from "./notification-store.ts";

export interface ConsumerDeps {
  db: Db;
  mailer: Mailer;
  log: Logger;
  webUrl: string;
  /**
   * The queue's redrive count. A message on its last receive whose email fails again is deleted and
   * its notification left FAILED for an admin retry, instead of reaching the DLQ: the DLQ is for
   * messages that can never be processed (poison), not for mail a later retry can still send.
   */
  maxReceiveCount: number;
  leaseSeconds?: number;
}

/** How often a delivery waiting on another sender's claim looks again. */
const BUSY_RECHECK_MS = 500;

const receiveCount = (message: Message) => Number(message.Attributes?.ApproximateReceiveCount ?? 1);

/**
 * Handles one SQS batch and returns the messages that are done (to delete). All notifications of the
 * batch are recorded in one statement, then their emails are claimed in one and each is sent and
 * marked — copies of one event in the batch share one delivery. Not done, so SQS redelivers: poison
 * messages (the redrive policy moves them to the DLQ), a batch the database refused, emails that
 * failed with receives left.
 */
export async function handleOrderEventBatch(deps: ConsumerDeps, messages: Message[]): Promise<Message[]> {
  const byEvent = new Map<string, { event: OrderEvent; messages: Message[] }>();
  for (const message of messages) {
    try {
      const event = parseOrderEventMessage(message.Body);
      const entry = byEvent.get(event.eventId) ?? { event, messages: [] };
      entry.messages.push(message);
      byEvent.set(event.eventId, entry);
    } catch (error) {
      if (!(error instanceof PoisonMessageError)) throw error;
      deps.log.error(
        { messageId: message.MessageId, reason: error.message },
        "poison message; leaving it for the DLQ",
      );
    }
  }
  const entries = [...byEvent.values()];
  if (entries.length === 0) return [];
  try {
    await recordNotifications(
      deps.db,
      entries.map((e) => e.event),
      deps.webUrl,
    );
  } catch (error) {
    deps.log.error(
      { err: error, events: entries.length },
      "recording notifications failed; SQS will redeliver",
    );
    return [];
  }
  let outcomes: Map<string, DeliveryOutcome>;
  try {
    outcomes = await deliverEventEmails(deps, [...byEvent.keys()]);
    // Another sender holds a claim: a replica with a duplicate of the message, an admin retry, or a
    // crashed process whose lease has not run out yet. Waiting here (SQS's heartbeat keeps the message
    // hidden) until it is SENT or the claim can be taken over costs no receive, where handing the
    // message back would burn one per look and could dead-letter a message that only had to wait.
    for (;;) {
      const busy = [...outcomes].filter(([, outcome]) => outcome === "busy").map(([eventId]) => eventId);
      if (busy.length === 0) break;
      await setTimeout(BUSY_RECHECK_MS);
      for (const [eventId, outcome] of await deliverEventEmails(deps, busy)) outcomes.set(eventId, outcome);
    }
  } catch (error) {
    deps.log.error({ err: error, events: entries.length }, "email delivery failed; SQS will redeliver");
    return [];
  }
  return entries.flatMap((entry) => settle(deps, entry, outcomes.get(entry.event.eventId)));
}

/** Which of an event's messages are done, given its delivery outcome. */
function settle(
  deps: ConsumerDeps,
  { event, messages }: { event: OrderEvent; messages: Message[] },
  outcome: DeliveryOutcome | undefined,
): Message[] {
  if (outcome === "sent") {
    deps.log.info({ eventId: event.eventId, type: event.type }, "notification sent");
    return messages;
  }
  const lastChance = messages.filter((m) => receiveCount(m) >= deps.maxReceiveCount);
  if (lastChance.length > 0) {
    deps.log.warn(
      { eventId: event.eventId, receives: receiveCount(lastChance[0] as Message) },
      "email keeps failing; left FAILED for an admin retry",
    );
    return messages;
  }
  deps.log.warn({ eventId: event.eventId }, "email failed; SQS will redeliver");
  return [];
}

export function createOrderEventsConsumer(
  deps: ConsumerDeps & {
    sqs: SQSClient;
    queueUrl: string;
    visibilityTimeoutSeconds?: number;
    waitTimeSeconds?: number;
    /** How long stop() waits for the batch in flight (and the last long poll) before giving up on it. */
    stopTimeoutMs?: number;
  },
): Consumer {
  const consumer = Consumer.create({
    queueUrl: deps.queueUrl,
    sqs: deps.sqs,
    batchSize: 10,
    waitTimeSeconds: deps.waitTimeSeconds ?? 5,
    visibilityTimeout: deps.visibilityTimeoutSeconds ?? 30,
    messageSystemAttributeNames: ["ApproximateReceiveCount"],
    // Keeps extending the visibility of messages still being processed (a slow SMTP server), so SQS
    // does not hand the same message to another receive meanwhile and burn one of its redeliveries.
    heartbeatInterval: Math.max(1, Math.floor((deps.visibilityTimeoutSeconds ?? 30) / 2)),
    // Without it stop() returns at once and the batch in flight races the shutdown that follows.
    pollingCompleteWaitTimeMs: deps.stopTimeoutMs ?? 25_000,
    handleMessageBatch: (messages) => handleOrderEventBatch(deps, messages),
  });
  consumer.on("error", (error) => deps.log.error({ err: error }, "SQS consumer error"));
  consumer.on("processing_error", (error) => deps.log.error({ err: error }, "SQS batch processing error"));
  consumer.on("waiting_for_polling_to_complete_timeout_exceeded", () =>
    deps.log.warn("stopped before the batch in flight finished; its messages will be redelivered"),
  );
  return consumer;
}

/** Stops polling and resolves once the batch in flight is handled and deleted (or the stop timed out). */
export function stopConsumer(consumer: Consumer): Promise<void> {
  if (!consumer.status.isRunning) return Promise.resolve();
  const stopped = new Promise<void>((resolve) => consumer.once("stopped", () => resolve()));
  // Not aborted: an aborted long poll can still be answered, and an abort would also cut the delete.
  consumer.stop({ abort: false });
  return stopped;
}
