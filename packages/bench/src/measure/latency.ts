/**
 * Latency samples of one measured phase. Every sample is kept (phases are bounded in time and count,
 * so at most some hundred thousand numbers) and percentiles are exact, not bucketed: at these sample
 * sizes a histogram's rounding would be larger than the differences we want to see.
 */
export class LatencyRecorder {
  readonly #samples: number[] = [];
  #errors = 0;
  readonly #errorCodes = new Map<string, number>();

  record(ms: number): void {
    this.#samples.push(ms);
  }

  recordError(code: string): void {
    this.#errors += 1;
    this.#errorCodes.set(code, (this.#errorCodes.get(code) ?? 0) + 1);
  }

  get count(): number {
    return this.#samples.length;
  }

  get errors(): number {
    return this.#errors;
  }

  /** e.g. { CONFLICT: 3, ECONNRESET: 1 } */
  errorCodes(): Record<string, number> {
    return Object.fromEntries(this.#errorCodes);
  }

  summary(): LatencySummary {
    const sorted = Float64Array.from(this.#samples).sort();
    return {
      count: sorted.length,
      errors: this.#errors,
      p50: percentile(sorted, 0.5),
      p95: percentile(sorted, 0.95),
      p99: percentile(sorted, 0.99),
      max: sorted.length ? (sorted[sorted.length - 1] ?? 0) : 0,
    };
  }
}

export interface LatencySummary {
  count: number;
  errors: number;
  /** Milliseconds. */
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile of an ascending array (0 for no samples). */
export function percentile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] ?? 0;
}
