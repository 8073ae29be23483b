import { performance } from 'node:perf_hooks';

/** Latency figures of one measured operation, in milliseconds. */
export interface Sample {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
}

/** One line of the report: what was measured, its figure, and the raw floor measured in the same run. */
export interface Row {
  suite: string;
  case: string;
  metric: string;
  value: number;
  unit: string;
  /** The same work done the plainest way possible (raw driver, direct call), measured in the same run. */
  floor?: number;
  /** value / floor: what the product's layers cost on top of the floor. */
  ratio?: number;
  /** The target the issue sets, said in words, e.g. "ratio < 2". */
  target?: string;
  met?: boolean;
}

export interface Suite {
  name: string;
  run(): Promise<Row[]>;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? NaN;
}

export function summarise(durations: number[]): Sample {
  const sorted = [...durations].sort((a, b) => a - b);
  const total = sorted.reduce((sum, d) => sum + d, 0);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    mean: total / sorted.length,
  };
}

/** Times `fn` n times after a warm-up; each call is timed on its own so percentiles mean something. */
export async function measure(n: number, fn: (i: number) => unknown, warmup = Math.min(50, n)): Promise<Sample> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const durations: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await fn(i);
    durations.push(performance.now() - start);
  }
  return summarise(durations);
}

/** Times batches of very cheap calls, for operations too fast to time one by one. Figures are ms per call. */
export async function measureBatched(n: number, batch: number, fn: () => unknown, warmupBatches = 5): Promise<Sample> {
  const perCall: number[] = [];
  for (let i = 0; i < n + warmupBatches; i++) {
    const start = performance.now();
    for (let j = 0; j < batch; j++) await fn();
    if (i >= warmupBatches) perCall.push((performance.now() - start) / batch);
  }
  return summarise(perCall);
}

/** A row comparing the product's figure with the floor's. */
export function compare(
  suite: string,
  name: string,
  metric: keyof Omit<Sample, 'n'>,
  subject: Sample,
  floor: Sample,
  target?: { text: string; maxRatio?: number; maxValue?: number },
): Row {
  const value = subject[metric];
  const ratio = value / floor[metric];
  const met =
    target === undefined
      ? undefined
      : (target.maxRatio === undefined || ratio <= target.maxRatio) &&
        (target.maxValue === undefined || value <= target.maxValue);
  return {
    suite,
    case: name,
    metric,
    value,
    unit: 'ms',
    floor: floor[metric],
    ratio,
    ...(target ? { target: target.text, met } : {}),
  };
}
