import { type CpuSample, cpuDelta } from "../stack/cpu.ts";
import { LatencyRecorder, type LatencySummary } from "./latency.ts";

export interface ClosedLoopPhase {
  /** Concurrent clients, each issuing its next request as soon as the previous one answers. */
  concurrency: number;
  /** Requests during warm-up are made but not recorded (JIT, pools, caches). */
  warmupMs: number;
  durationMs: number;
}

/**
 * One operation of client `worker`. Resolves when it succeeded; throws (anything with a `code`, or any
 * error) when it failed — failures are counted, not timed.
 */
export type Operation = (worker: number) => Promise<void>;

export interface ThroughputResult extends LatencySummary {
  /** Successful operations per second over the measured windows. */
  throughput: number;
  durationMs: number;
  errorCodes: Record<string, number>;
  /** CPU ms per request (warm-up requests included) by kind of process, when a sampler was given. */
  cpuMsPerRequest?: Record<string, number>;
}

/**
 * The closed model used for throughput benchmarks: a fixed number of clients in a loop, bounded by
 * wall-clock time after a warm-up. Records into `recorder`; returns the measured window's length.
 * Throughput is successes over the measured windows only. Also returns how many requests were made in
 * all (warm-up included), which is what the CPU used during the window was spent on.
 */
async function closedLoopWindow(phase: ClosedLoopPhase, operation: Operation, recorder: LatencyRecorder) {
  let requests = 0;
  const warmupEnds = performance.now() + phase.warmupMs;
  const ends = warmupEnds + phase.durationMs;
  const worker = async (index: number) => {
    for (;;) {
      const started = performance.now();
      if (started >= ends) return;
      const measuring = started >= warmupEnds;
      requests += 1;
      try {
        await operation(index);
        if (measuring) recorder.record(performance.now() - started);
      } catch (error) {
        if (measuring) recorder.recordError(errorCode(error));
      }
    }
  };
  await Promise.all(Array.from({ length: phase.concurrency }, (_, i) => worker(i)));
  // Requests started before the end may finish after it; the window runs until the last one has.
  return { elapsedMs: performance.now() - warmupEnds, requests };
}

/**
 * Several variants (a baseline and the system) measured in alternating rounds — A, B, A, B, … — each
 * round a share of the duration after its own warm-up. On a machine that other work shares, a burst
 * of outside load then hits every variant instead of deciding a ratio by when it happened to come.
 */
export async function runInterleaved<K extends string>(
  phase: ClosedLoopPhase & { rounds: number; cpu?: () => CpuSample },
  variants: Record<K, Operation>,
): Promise<Record<K, ThroughputResult>> {
  const sides = (Object.entries(variants) as [K, Operation][]).map(([name, operation]) => ({
    name,
    operation,
    recorder: new LatencyRecorder(),
    elapsed: 0,
    requests: 0,
    cpu: new Map() as CpuSample,
  }));
  const round = { ...phase, durationMs: phase.durationMs / phase.rounds };
  for (let i = 0; i < phase.rounds; i++) {
    for (const side of sides) {
      const before = phase.cpu?.();
      const { elapsedMs, requests } = await closedLoopWindow(round, side.operation, side.recorder);
      const after = phase.cpu?.();
      side.elapsed += elapsedMs;
      side.requests += requests;
      if (before && after) {
        for (const [label, ms] of cpuDelta(before, after))
          side.cpu.set(label, (side.cpu.get(label) ?? 0) + ms);
      }
    }
  }
  return Object.fromEntries(
    sides.map((side) => {
      const result = summarize(side.recorder, side.elapsed);
      if (phase.cpu && side.requests > 0) {
        result.cpuMsPerRequest = Object.fromEntries(
          [...side.cpu].map(([label, ms]) => [label, ms / side.requests]),
        );
      }
      return [side.name, result];
    }),
  ) as Record<K, ThroughputResult>;
}

function summarize(recorder: LatencyRecorder, elapsedMs: number): ThroughputResult {
  const summary = recorder.summary();
  return {
    ...summary,
    throughput: summary.count / (elapsedMs / 1000),
    durationMs: elapsedMs,
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
