import type { OrderEvent } from "@shop/events/order-events";
import type { Db } from "../db.ts";
import { renderOrderEvent } from "../email/templates.ts";
import { notificationFacts } from "./event-facts.ts";

/**
 * Records the notifications of a batch of events in one statement, at most one per event: the
 * (event_id, channel) key absorbs redeliveries and duplicates. Each email is rendered here, once, and
 * stored with its row; sending reads it back as it is.
 *
 * The live stream resumes a user "after seq N", so each user's seq values must become visible in seq
 * order. The statement first takes a transaction-scoped advisory lock per user of the batch (in key
 * order, so two batches cannot deadlock) — the insert reads the count of locks taken, so no row is
 * drawn before all are held — and so draws seq values only after any earlier batch with one of its
 * users has committed; within a batch a user's rows are drawn in message order. The live-push NOTIFY
 * (one per user with new rows) is part of the same statement, so PostgreSQL delivers it on commit:
 * subscribers hear only of committed rows.
 */
export async function recordNotifications(db: Db, events: readonly OrderEvent[], webUrl: string) {
  if (events.length === 0) return;
  const rows = events.map((event, ord) => {
    const facts = notificationFacts(event);
    const message = renderOrderEvent(event, webUrl);
    return {
      ord,
      event_id: event.eventId,
      user_id: facts.userId,
      type: event.type,
      recipient: facts.email,
      order_id: facts.orderId,
      order_status: facts.orderStatus,
      title: message.title,
      body: message.body,
      payload: event,
      email_subject: message.subject,
      email_html: message.html,
      email_text: message.text,
    };
  });
  const users = JSON.stringify([...new Set(rows.map((row) => row.user_id))]);
  await db.$executeRaw`
    WITH locks AS (
      SELECT count(pg_advisory_xact_lock(key)) AS held
      FROM (SELECT DISTINCT hashtext(u) AS key FROM jsonb_array_elements_text(${users}::jsonb) AS u ORDER BY key) AS keys
    ), inserted AS (
      INSERT INTO notifications (id, event_id, user_id, type, channel, recipient, order_id, order_status,
                                 title, body, payload, email_subject, email_html, email_text)
      SELECT gen_random_uuid(), r.event_id, r.user_id, r.type, 'email', r.recipient, r.order_id, r.order_status,
             r.title, r.body, r.payload, r.email_subject, r.email_html, r.email_text
      FROM locks, jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(
        ord int, event_id uuid, user_id uuid, type text, recipient text, order_id uuid, order_status text,
        title text, body text, payload jsonb, email_subject text, email_html text, email_text text)
      WHERE locks.held >= 0
      ORDER BY r.ord
      ON CONFLICT (event_id, channel) DO NOTHING
      RETURNING user_id)
    SELECT pg_notify('notifications', json_build_object('userId', user_id)::text)
    FROM (SELECT DISTINCT user_id FROM inserted) AS users`;
}
