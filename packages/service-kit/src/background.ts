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

export interface Loop {
  /** Runs the next iteration now instead of waiting for the interval (e.g. on a NOTIFY). */
  wake(): void;
  /** Stops after the current iteration finishes. */
  stop(): Promise<void>;
}

/**
 * A background loop: runs `iteration` every `intervalMs`, or sooner when woken, never two at once.
 * An iteration that reports more work left (returns true) is followed immediately by another. Errors
 * are logged and the loop goes on.
 */
export function startLoop(opts: {
  log: Logger;
  name: string;
  intervalMs: number;
  /** Resolve true when there is more work to do right away. */
  iteration: () => Promise<boolean | undefined>;
  /** Wait this long before the first iteration (e.g. until the services it calls are likely up). */
  initialDelayMs?: number;
}): Loop {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let wakeUp: (() => void) | undefined;
  let pendingWake = false;

  const sleep = () =>
    new Promise<void>((resolve) => {
      if (pendingWake) {
        pendingWake = false;
        resolve();
        return;
      }
      wakeUp = resolve;
      timer = setTimeout(resolve, opts.intervalMs);
    }).finally(() => {
      if (timer) clearTimeout(timer);
      wakeUp = undefined;
    });

  const done = (async () => {
    if (opts.initialDelayMs) {
      await new Promise<void>((resolve) => {
        wakeUp = resolve;
        timer = setTimeout(resolve, opts.initialDelayMs);
      }).finally(() => {
        if (timer) clearTimeout(timer);
        wakeUp = undefined;
      });
    }
    while (!stopped) {
      let more = false;
      try {
        more = (await opts.iteration()) === true;
      } catch (error) {
        opts.log.error({ loop: opts.name, err: error }, "background iteration failed");
      }
      if (!more && !stopped) await sleep();
    }
  })();

  return {
    wake() {
      if (wakeUp) wakeUp();
      else pendingWake = true;
    },
    async stop() {
      stopped = true;
      wakeUp?.();
      await done;
    },
  };
}
