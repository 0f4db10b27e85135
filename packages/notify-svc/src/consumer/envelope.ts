import { type OrderEvent, orderEventSchema } from "@shop/events/order-events";
import { z } from "zod";

/** A message that can never be processed, however often it is retried; SQS moves it to the DLQ. */
export class PoisonMessageError extends Error {
  override readonly name = "PoisonMessageError";
}

const snsEnvelope = z.object({
  Type: z.literal("Notification"),
  MessageId: z.string(),
  Subject: z.string().optional(),
  Message: z.string(),
});

/**
 * Unwraps the SNS notification envelope, routes on its Subject, and validates the body against the
 * shared event schemas. The Subject must match the body's type: a mismatch means a broken producer.
 */
export function parseOrderEventMessage(body: string | undefined): OrderEvent {
  let outer: unknown;
  try {
    outer = JSON.parse(body ?? "");
  } catch {
    throw new PoisonMessageError("message body is not JSON");
  }
  const envelope = snsEnvelope.safeParse(outer);
  if (!envelope.success) throw new PoisonMessageError("not an SNS notification envelope");
  let inner: unknown;
  try {
    inner = JSON.parse(envelope.data.Message);
  } catch {
    throw new PoisonMessageError("SNS message is not JSON");
  }
  const event = orderEventSchema.safeParse(inner);
  if (!event.success) {
    throw new PoisonMessageError(
      `unknown or invalid event (subject ${envelope.data.Subject ?? "none"}): ${event.error.message.slice(0, 300)}`,
    );
  }
  if (envelope.data.Subject && envelope.data.Subject !== event.data.type) {
    throw new PoisonMessageError(
      `subject ${envelope.data.Subject} does not match event type ${event.data.type}`,
    );
  }
  return event.data;
}
