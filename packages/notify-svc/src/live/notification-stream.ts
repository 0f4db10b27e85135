import { tracked } from "@trpc/server";
import type { Db } from "../db.ts";
import type { NotificationHub } from "./notification-hub.ts";

export const streamSelect = {
  id: true,
  seq: true,
  type: true,
  title: true,
  body: true,
  orderId: true,
  orderStatus: true,
  createdAt: true,
} as const;

/**
 * A user's notifications as a resumable stream. Each item is tracked by its `seq`; given the last
 * seq the client saw, it first replays everything after it, then follows new rows as they commit.
 * Without a last id it starts from now.
 */
export async function* notificationStream(opts: {
  db: Db;
  hub: NotificationHub;
  userId: string;
  lastEventId: string | null | undefined;
  signal: AbortSignal | undefined;
}) {
  const { db, userId } = opts;
  let wake: (() => void) | undefined;
  let pending = true; // read once at start, for the replay
  const unsubscribe = opts.hub.subscribe(userId, () => {
    pending = true;
    wake?.();
  });
  const onAbort = () => wake?.();
  opts.signal?.addEventListener("abort", onAbort);
  try {
    let last =
      opts.lastEventId && /^\d+$/.test(opts.lastEventId)
        ? BigInt(opts.lastEventId)
        : ((await db.notification.aggregate({ where: { userId }, _max: { seq: true } }))._max.seq ?? 0n);
    while (!opts.signal?.aborted) {
      if (!pending) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = undefined;
        continue;
      }
      pending = false;
      const rows = await db.notification.findMany({
        where: { userId, seq: { gt: last } },
        orderBy: { seq: "asc" },
        take: 100,
        select: streamSelect,
      });
      for (const row of rows) {
        last = row.seq;
        yield tracked(row.seq.toString(), { ...row, seq: row.seq.toString() });
      }
      if (rows.length === 100) pending = true;
    }
  } finally {
    unsubscribe();
    opts.signal?.removeEventListener("abort", onAbort);
  }
}
