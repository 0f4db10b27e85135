import { LatencyRecorder, type LatencySummary } from "./latency.ts";

export interface ClosedLoopOptions {
  /** Concurrent clients, each issuing its next request as soon as the previous one answers. */
  concurrency: number;
  /** Requests during warm-up are made but not recorded (JIT, pools, caches). */
  warmupMs: number;
  durationMs: number;
  /**
   * One operation of client `worker`. Resolves when it succeeded; throws (anything with a `code`, or
   * any error) when it failed — failures are counted, not timed.
   */
  operation: (worker: number) => Promise<void>;
}

export interface ThroughputResult extends LatencySummary {
  /** Successful operations per second over the measured window. */
  throughput: number;
  durationMs: number;
  errorCodes: Record<string, number>;
}

/**
 * The closed model used for throughput benchmarks: a fixed number of clients in a loop, bounded by a
 * wall-clock duration after a warm-up. Throughput is successes over the measured window only.
 */
export async function runClosedLoop(opts: ClosedLoopOptions): Promise<ThroughputResult> {
  const recorder = new LatencyRecorder();
  const warmupEnds = performance.now() + opts.warmupMs;
  const ends = warmupEnds + opts.durationMs;

  const worker = async (index: number) => {
    for (;;) {
      const started = performance.now();
      if (started >= ends) return;
      const measuring = started >= warmupEnds;
      try {
        await opts.operation(index);
        if (measuring) recorder.record(performance.now() - started);
      } catch (error) {
        if (measuring) recorder.recordError(errorCode(error));
      }
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, (_, i) => worker(i)));
  // Requests started before the end are allowed to finish, so the window runs until the last one has.
  const elapsed = performance.now() - warmupEnds;
  const summary = recorder.summary();
  return {
    ...summary,
    throughput: summary.count / (elapsed / 1000),
    durationMs: elapsed,
    errorCodes: recorder.errorCodes(),
  };
}

/** A short label for an error: a tRPC code, a Node error code, or the error's class name. */
export function errorCode(error: unknown): string {
  if (error && typeof error === "object") {
    const code = (error as { code?: unknown }).code;
    if (typeof code === "string" && code) return code;
    if (error instanceof Error) return error.name;
  }
  return "UNKNOWN";
}
