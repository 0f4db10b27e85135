import { randomUUID } from "node:crypto";
import type { RouterOutputs } from "@shop/order-svc/router";
import type { HttpClient } from "../client/http.ts";
import { benchAdmin, serviceEndpoint } from "../client/services.ts";
import { TrpcCallError, type TrpcEndpoint, trpcMutation } from "../client/trpc-wire.ts";
import type { CatalogProduct } from "../fixtures/catalog.ts";
import type { Shopper } from "../fixtures/shoppers.ts";
import { sleep } from "../measure/open-loop.ts";
import type { StackTarget } from "../stack/target.ts";

type PlacedOrder = RouterOutputs["orders"]["place"];

/** Codes that mean "this will never work", as opposed to a fault being injected right now. */
const FINAL_CODES = new Set(["CONFLICT", "BAD_REQUEST", "NOT_FOUND", "FORBIDDEN", "PRECONDITION_FAILED"]);
const GIVE_UP_AFTER_MS = 60_000;
/**
 * Checkouts in flight at most. While a service is down, requests retry and pile up; past this many,
 * new arrivals are skipped (and counted) so the stream stays a bounded load on a 2-core machine.
 */
const MAX_IN_FLIGHT = 40;

export interface StreamStats {
  attempted: number;
  placed: number;
  outOfStock: number;
  /** Orders whose placement never got a definite answer (it may still exist: the invariants decide). */
  gaveUp: number;
  /** Final refusals other than out of stock, by tRPC code. */
  refused: Record<string, number>;
  cancelled: number;
  /** Placed orders the admin then confirmed and shipped (their units leave on hand). */
  shipped: number;
  /** Requests that failed while a fault was on and were retried with the same idempotency key. */
  retries: number;
  /** Arrivals not sent because MAX_IN_FLIGHT checkouts were still waiting for an answer. */
  skipped: number;
}

/**
 * A steady stream of checkouts against order-svc, as the BFF would send them (shopper tokens), that
 * keeps going through every fault: a failed request is retried with the same idempotency key until it
 * gets a definite answer, so the stream itself never creates duplicates — any duplicate the invariants
 * find was made by the system. About one placed order in ten is cancelled again (stock released) and
 * about one in ten is confirmed and shipped by the admin (stock committed).
 */
export class OrderStream {
  readonly stats: StreamStats = {
    attempted: 0,
    placed: 0,
    outOfStock: 0,
    gaveUp: 0,
    refused: {},
    cancelled: 0,
    shipped: 0,
    retries: 0,
    skipped: 0,
  };
  readonly #endpoints: TrpcEndpoint[];
  readonly #admin: TrpcEndpoint;
  readonly #running = new Set<Promise<void>>();
  #stopped = false;
  #loop: Promise<void> | undefined;

  constructor(
    target: StackTarget,
    http: HttpClient,
    shoppers: Shopper[],
    private readonly products: CatalogProduct[],
    private readonly ratePerSecond: number,
  ) {
    this.#endpoints = shoppers.map((s) =>
      serviceEndpoint(target, http, "order-svc", { sub: s.id, role: "SHOPPER", email: s.email }),
    );
    this.#admin = serviceEndpoint(target, http, "order-svc", benchAdmin());
  }

  start(): void {
    this.#loop = (async () => {
      const interval = 1000 / this.ratePerSecond;
      for (let next = performance.now(); !this.#stopped; next += interval) {
        await sleep(Math.max(0, next - performance.now()));
        if (this.#running.size >= MAX_IN_FLIGHT) {
          this.stats.skipped += 1;
          continue;
        }
        const checkout = this.#checkout().finally(() => this.#running.delete(checkout));
        this.#running.add(checkout);
      }
    })();
  }

  /** Stops new checkouts and waits for the ones in flight to reach a definite answer. */
  async stop(): Promise<void> {
    this.#stopped = true;
    await this.#loop;
    await Promise.all(this.#running);
  }

  async #checkout(): Promise<void> {
    this.stats.attempted += 1;
    const endpoint = this.#endpoints[Math.floor(Math.random() * this.#endpoints.length)] as TrpcEndpoint;
    const product = this.products[Math.floor(Math.random() * this.products.length)] as CatalogProduct;
    const input = {
      idempotencyKey: randomUUID(),
      items: [{ productId: product.id, quantity: 1 + Math.floor(Math.random() * 3) }],
    };
    const outcome = await this.#untilDefinite(() =>
      trpcMutation<PlacedOrder>(endpoint, "orders.place", input),
    );
    if (outcome === "gave up") this.stats.gaveUp += 1;
    else if (outcome instanceof TrpcCallError) {
      if (outcome.code === "CONFLICT") this.stats.outOfStock += 1;
      else this.stats.refused[outcome.code] = (this.stats.refused[outcome.code] ?? 0) + 1;
    } else {
      this.stats.placed += 1;
      const fate = Math.random();
      if (fate < 0.1) {
        const cancelled = await this.#untilDefinite(() =>
          trpcMutation(endpoint, "orders.cancel", { orderId: outcome.id }),
        );
        if (!(cancelled instanceof TrpcCallError) && cancelled !== "gave up") this.stats.cancelled += 1;
      } else if (fate < 0.2) {
        if (await this.#shipAs(outcome.id)) this.stats.shipped += 1;
      }
    }
  }

  /** Confirms and ships an order as the admin; true when both steps got a definite yes. */
  async #shipAs(orderId: string): Promise<boolean> {
    for (const status of ["CONFIRMED", "SHIPPED"] as const) {
      const changed = await this.#untilDefinite(() =>
        trpcMutation(this.#admin, "orders.updateStatus", { orderId, status }),
      );
      if (changed instanceof TrpcCallError || changed === "gave up") return false;
    }
    return true;
  }

  /** Retries through faults (connection refused, 5xx, timeouts); returns the result or the final error. */
  async #untilDefinite<T>(call: () => Promise<T>): Promise<T | TrpcCallError | "gave up"> {
    const deadline = Date.now() + GIVE_UP_AFTER_MS;
    for (let attempt = 0; ; attempt++) {
      try {
        return await call();
      } catch (error) {
        if (error instanceof TrpcCallError && FINAL_CODES.has(error.code)) return error;
        if (Date.now() > deadline) return "gave up";
        this.stats.retries += 1;
        await sleep(Math.min(2_000, 100 * 2 ** attempt));
      }
    }
  }
}
