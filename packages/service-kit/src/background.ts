import type { Logger } from "./log.ts";

export interface BackgroundTask<T> {
  /** Resolves with the task's result once it succeeds; never rejects (it keeps retrying instead). */
  readonly result: Promise<T>;
  stop(): void;
}

/**
 * Runs `task` until it succeeds, backing off exponentially (with jitter) between failures. For start-up
 * work against a dependency that may be down for a while (an SNS endpoint, say) where the service should
 * come up anyway and catch up later.
 */
export function retryInBackground<T>(opts: {
  log: Logger;
  label: string;
  task: () => Promise<T>;
  baseMs?: number;
  maxMs?: number;
}): BackgroundTask<T> {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;
  const base = opts.baseMs ?? 250;
  const max = opts.maxMs ?? 15_000;

  const result = (async () => {
    for (let attempt = 0; ; attempt++) {
      try {
        const value = await opts.task();
        if (attempt > 0)
          opts.log.info({ task: opts.label, attempts: attempt + 1 }, "background task succeeded");
        return value;
      } catch (error) {
        const delay = Math.min(max, base * 2 ** attempt) * (0.5 + Math.random() / 2);
        opts.log.warn(
          { task: opts.label, attempt: attempt + 1, retryInMs: Math.round(delay), err: error },
          "background task failed",
        );
        await new Promise<void>((resolve) => {
          wake = resolve;
          timer = setTimeout(resolve, delay);
        });
        if (stopped) return new Promise<T>(() => {});
      }
    }
  })();

  return {
    result,
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      wake?.();
    },
  };
}
