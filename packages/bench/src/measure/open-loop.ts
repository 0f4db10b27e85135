import { errorCode } from "./closed-loop.ts";
import { LatencyRecorder } from "./latency.ts";

export interface OpenLoopOptions<Op extends string> {
  /** Arrivals per second, scheduled at fixed intervals whatever the responses do. */
  ratePerSecond: number;
  durationMs: number;
  /** Picks the operation for arrival number `i` (e.g. from a weighted mix). */
  choose: (i: number) => Op;
  run: (op: Op) => Promise<void>;
  /** Requests still running this long after the last arrival are counted as errors (TIMEOUT). */
  drainTimeoutMs?: number;
}

export interface OpenLoopResult<Op extends string> {
  scheduled: number;
  /** Arrivals sent more than 100 ms after their slot: the generator itself fell behind. */
  lateStarts: number;
  perOperation: Partial<Record<Op, LatencyRecorder>>;
}

interface InFlight {
  recorder: LatencyRecorder;
  settled: boolean;
}

/**
 * The open model: requests arrive on a fixed schedule and are sent whether or not earlier ones have
 * answered, so a slow system sees a growing queue (as real traffic would make it) instead of the
 * load generator politely slowing down. Latency is measured from the scheduled arrival time, so time
 * spent queued behind a late generator counts too (no coordinated omission).
 */
export async function runOpenLoop<Op extends string>(opts: OpenLoopOptions<Op>): Promise<OpenLoopResult<Op>> {
  const perOperation: Partial<Record<Op, LatencyRecorder>> = {};
  const intervalMs = 1000 / opts.ratePerSecond;
  const total = Math.floor((opts.durationMs / 1000) * opts.ratePerSecond);
  const inFlight = new Set<InFlight>();
  const finished: Promise<void>[] = [];
  const start = performance.now();
  let lateStarts = 0;

  for (let i = 0; i < total; i++) {
    const due = start + i * intervalMs;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    if (performance.now() - due > 100) lateStarts += 1;
    const op = opts.choose(i);
    perOperation[op] ??= new LatencyRecorder();
    const entry: InFlight = { recorder: perOperation[op], settled: false };
    inFlight.add(entry);
    const settle = (outcome: () => void) => {
      if (entry.settled) return; // already written off as TIMEOUT
      entry.settled = true;
      inFlight.delete(entry);
      outcome();
    };
    finished.push(
      opts.run(op).then(
        () => settle(() => entry.recorder.record(performance.now() - due)),
        (error: unknown) => settle(() => entry.recorder.recordError(errorCode(error))),
      ),
    );
  }

  const drained = Promise.all(finished).then(() => true);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), opts.drainTimeoutMs ?? 15_000);
  });
  const allAnswered = await Promise.race([drained, timedOut]);
  clearTimeout(timer);
  if (!allAnswered) {
    for (const entry of inFlight) {
      entry.settled = true;
      entry.recorder.recordError("TIMEOUT");
    }
  }
  return { scheduled: total, lateStarts, perOperation };
}

export const sleep = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms);
  });
