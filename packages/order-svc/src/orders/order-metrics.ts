import { registerCounter } from "@shop/service-kit/metrics";

/**
 * New orders committed, for /metrics (Grafana's "orders per minute" is its rate). Counted after the
 * order transaction commits, so an idempotent replay of a checkout or a rolled-back attempt is not.
 */
export const ordersPlaced = registerCounter({
  name: "orders_placed_total",
  help: "Orders committed by checkout (idempotent replays not counted)",
  labelNames: [],
});
