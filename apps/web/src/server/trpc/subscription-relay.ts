import "server-only";
import { toUpstreamError } from "@shop/service-kit/errors";
import { type TrackedEnvelope, tracked } from "@trpc/server";
import type { Unsubscribable } from "@trpc/server/observable";

/** One item of an upstream subscription whose procedure yields tracked(id, data). */
export interface TrackedItem<T> {
  id: string;
  data: T;
}

/** The callbacks a tRPC client's `.subscribe()` takes, reduced to what the relay needs. */
export interface RelayObserver<T> {
  onData: (item: TrackedItem<T>) => void;
  onError: (error: unknown) => void;
  onComplete: () => void;
}

/**
 * Re-yields a service's tracked subscription as the BFF's own async iterable, keeping each item's id,
 * so the browser's EventSource resumes with Last-Event-ID through both hops.
 *
 * The upstream client reconnects on its own while the service is unreachable (no error surfaces),
 * so an error here is final (e.g. UNAUTHORIZED) and is passed on with the usual error mapping.
 * When the browser goes away, `signal` aborts and the upstream stream is closed with it — otherwise
 * every closed tab would leave an open SSE connection to the service behind.
 */
export async function* relayTrackedSubscription<T>(
  subscribe: (observer: RelayObserver<T>) => Unsubscribable,
  signal: AbortSignal | undefined,
): AsyncGenerator<TrackedEnvelope<T>, void, unknown> {
  // Notifications arrive a few per minute at most; an unbounded queue is fine and keeps every id.
  const queue: TrackedItem<T>[] = [];
  let failure: { error: unknown } | undefined;
  let finished = false;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };

  const upstream = subscribe({
    onData: (item) => {
      queue.push(item);
      notify();
    },
    onError: (error) => {
      failure = { error };
      notify();
    },
    onComplete: () => {
      finished = true;
      notify();
    },
  });
  const stop = () => {
    finished = true;
    notify();
  };
  signal?.addEventListener("abort", stop, { once: true });

  try {
    while (!signal?.aborted) {
      const next = queue.shift();
      if (next) {
        yield tracked(next.id, next.data);
        continue;
      }
      if (failure) throw toUpstreamError(failure.error);
      if (finished) return;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  } finally {
    signal?.removeEventListener("abort", stop);
    upstream.unsubscribe();
  }
}
