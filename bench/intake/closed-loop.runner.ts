/**
 * A closed-loop load: each client sends its next request as soon as the previous one is answered, so
 * the rate is what the system sustains at this concurrency (not an offered rate it may fall behind).
 */

export type Outcome = { ok: true } | { ok: false; label: string; detail?: string };

export interface LoadOptions {
  clients: number;
  warmupSeconds: number;
  seconds: number;
  signal?: AbortSignal;
  /** Called when the warm-up ends and measuring starts (to read counters at that moment). */
  onMeasureStart?: () => void;
}

export interface Failure {
  count: number;
  /** The first answer (or error message) with this label, for diagnosis. */
  example?: string;
}

export interface LoadResult {
  clients: number;
  /** From the end of the warm-up to the last answer of a measured request. */
  seconds: number;
  ok: number;
  /** Latencies of the measured successful requests in ms, sorted ascending. */
  latenciesMs: Float64Array;
  /** Measured failures by label (HTTP status or error code). */
  failures: Map<string, Failure>;
  /** Failures during the warm-up (not measured, but reported). */
  warmupFailures: Map<string, Failure>;
  warmupOk: number;
  /** The measured window on the monotonic clock (process.hrtime), in ns; other processes share it. */
  window: { from: bigint; to: bigint };
}

/** Runs `step` in `clients` concurrent loops: a warm-up, then the measured phase. */
export async function runClosedLoop(
  options: LoadOptions,
  step: (client: number) => Promise<Outcome>,
): Promise<LoadResult> {
  // performance.now() is the high-resolution clock of the loop; hrtime places the window for other processes.
  const hr0 = process.hrtime.bigint();
  const start = performance.now();
  const toMonotonic = (t: number) => hr0 + BigInt(Math.round((t - start) * 1e6));
  const measureFrom = start + options.warmupSeconds * 1000;
  const until = measureFrom + options.seconds * 1000;
  const latencies: number[] = [];
  const failures = new Map<string, Failure>();
  const warmupFailures = new Map<string, Failure>();
  let warmupOk = 0;
  let lastEnd = measureFrom;

  const fail = (into: Map<string, Failure>, label: string, detail?: string) => {
    const entry = into.get(label);
    if (entry) entry.count += 1;
    else into.set(label, { count: 1, ...(detail !== undefined ? { example: detail } : {}) });
  };

  const startTimer = setTimeout(() => options.onMeasureStart?.(), options.warmupSeconds * 1000);

  await Promise.all(
    Array.from({ length: options.clients }, async (_, client) => {
      while (!options.signal?.aborted) {
        const t0 = performance.now();
        if (t0 >= until) break;
        let outcome: Outcome;
        try {
          outcome = await step(client);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          outcome = { ok: false, label: code ?? 'exception', detail: String(error) };
        }
        const t1 = performance.now();
        if (t0 < measureFrom) {
          if (outcome.ok) warmupOk += 1;
          else fail(warmupFailures, outcome.label, outcome.detail);
          continue;
        }
        if (t1 > lastEnd) lastEnd = t1;
        if (outcome.ok) latencies.push(t1 - t0);
        else fail(failures, outcome.label, outcome.detail);
      }
    }),
  );
  clearTimeout(startTimer);
  const sorted = Float64Array.from(latencies).sort();
  return {
    clients: options.clients,
    seconds: (lastEnd - measureFrom) / 1000,
    ok: latencies.length,
    latenciesMs: sorted,
    failures,
    warmupFailures,
    warmupOk,
    window: { from: toMonotonic(measureFrom), to: toMonotonic(lastEnd) },
  };
}

/** Nearest-rank percentile of ascending values; NaN when there are none. */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
}

export function failureCount(failures: Map<string, Failure>): number {
  let total = 0;
  for (const f of failures.values()) total += f.count;
  return total;
}

export interface HttpAnswer {
  status: number;
  body: string;
}
