import { registerGauge } from "@shop/service-kit/metrics";
import type { Db } from "../db.ts";

/** Outbox lag for /metrics: how many events wait to be published, and how long the oldest has waited. */
export function registerOutboxMetrics(db: Db): void {
  registerGauge({
    name: "outbox_unpublished_events",
    help: "Order events written but not yet published to SNS",
    collect: () => db.outboxEvent.count({ where: { publishedAt: null } }),
  });
  registerGauge({
    name: "outbox_oldest_unpublished_age_seconds",
    help: "Age of the oldest unpublished order event (0 when none wait)",
    collect: async () => {
      const oldest = await db.outboxEvent.findFirst({
        where: { publishedAt: null },
        orderBy: { createdAt: "asc" },
        select: { createdAt: true },
      });
      return oldest ? (Date.now() - oldest.createdAt.getTime()) / 1000 : 0;
    },
  });
}
