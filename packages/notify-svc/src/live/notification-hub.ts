import { EventEmitter } from "node:events";
import { listen } from "@shop/service-kit/db-listen";
import type { Logger } from "@shop/service-kit/log";
import { z } from "zod";

/**
 * Fans PostgreSQL NOTIFYs out to this replica's open subscriptions. Whichever replica consumed an
 * event, the NOTIFY reaches every replica, so a shopper's stream works wherever it is connected.
 * Notifications are only wake-ups: subscribers read what is new from the table, so nothing depends on
 * a NOTIFY payload arriving.
 */
export interface NotificationHub {
  /** Calls `onWake` when the user may have new notifications; returns the unsubscribe function. */
  subscribe(userId: string, onWake: () => void): () => void;
  stop(): Promise<void>;
}

const payloadSchema = z.object({ userId: z.string() });
const EVERYONE = Symbol("everyone");

export function createNotificationHub(databaseUrl: string, log: Logger): NotificationHub {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  const listener = listen(
    databaseUrl,
    "notifications",
    (payload) => {
      if (payload === null) {
        emitter.emit(EVERYONE); // (re)connected: notifications may have been missed, everyone re-reads
        return;
      }
      const parsed = payloadSchema.safeParse(JSON.parse(payload));
      if (parsed.success) emitter.emit(parsed.data.userId);
    },
    log,
  );
  return {
    subscribe(userId, onWake) {
      emitter.on(userId, onWake);
      emitter.on(EVERYONE, onWake);
      return () => {
        emitter.off(userId, onWake);
        emitter.off(EVERYONE, onWake);
      };
    },
    stop: () => listener.stop(),
  };
}
