import { type Loop, startLoop } from "@shop/service-kit/background";
import { listen } from "@shop/service-kit/db-listen";
import type { Logger } from "@shop/service-kit/log";
import type { Db } from "../db.ts";
import type { EventPublisher } from "./sns-publisher.ts";

export interface RelayOptions {
  db: Db;
  publisher: EventPublisher;
  log: Logger;
  /** For LISTEN outbox, so new rows are published at once rather than at the next poll. */
  databaseUrl?: string;
  batchSize?: number;
  pollMs?: number;
}

/** Delay before retrying a row that failed `attempts` times: 0.5 s doubling, capped at 30 s. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000, 500 * 2 ** Math.max(0, attempts - 1));
}

interface ClaimedRow {
  id: string;
  event_type: string;
  payload: unknown;
  attempts: number;
}

/**
 * Publishes one batch. Rows are claimed with FOR UPDATE SKIP LOCKED inside a transaction that stays
 * open while they are sent, so concurrent relays (replicas) each get different rows and a row is marked
 * published in the same transaction that claimed it. When a publish fails, the batch stops there (SNS
 * is most likely down for the rest too) and that row is rescheduled with backoff. Returns how many rows
 * were published.
 */
export async function publishBatch(
  db: Db,
  publisher: EventPublisher,
  log: Logger,
  batchSize: number,
): Promise<number> {
  return db.$transaction(
    async (tx) => {
      const rows = await tx.$queryRaw<ClaimedRow[]>`
        SELECT id, event_type, payload, attempts FROM outbox
        WHERE published_at IS NULL AND next_attempt_at <= now()
        ORDER BY created_at, id
        LIMIT ${batchSize}
        FOR UPDATE SKIP LOCKED`;
      const published: string[] = [];
      for (const row of rows) {
        try {
          await publisher.publish({ id: row.id, eventType: row.event_type, payload: row.payload });
          published.push(row.id);
        } catch (error) {
          const attempts = row.attempts + 1;
          const delay = retryDelayMs(attempts);
          log.warn({ eventId: row.id, attempts, retryInMs: delay, err: error }, "outbox publish failed");
          await tx.$executeRaw`
            UPDATE outbox SET attempts = ${attempts}, last_error = ${String((error as Error).message ?? error).slice(0, 500)},
              next_attempt_at = now() + make_interval(secs => ${delay / 1000})
            WHERE id = ${row.id}::uuid`;
          break;
        }
      }
      if (published.length > 0) {
        await tx.$executeRaw`
          UPDATE outbox SET published_at = now(), attempts = attempts + 1, last_error = NULL
          WHERE id = ANY(${published}::uuid[])`;
      }
      return published.length;
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
}

export type Relay = Loop;

/** Runs the relay: polls, and wakes on NOTIFY outbox; keeps going while batches come back full. */
export function startOutboxRelay(opts: RelayOptions): Relay {
  const batchSize = opts.batchSize ?? 50;
  const loop = startLoop({
    log: opts.log,
    name: "outbox relay",
    intervalMs: opts.pollMs ?? 1_000,
    iteration: async () => (await publishBatch(opts.db, opts.publisher, opts.log, batchSize)) === batchSize,
  });
  const listener = opts.databaseUrl
    ? listen(opts.databaseUrl, "outbox", () => loop.wake(), opts.log)
    : undefined;
  return {
    wake: loop.wake,
    async stop() {
      await listener?.stop();
      await loop.stop();
    },
  };
}
