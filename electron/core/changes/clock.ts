/**
 * A hybrid logical clock: wall time in milliseconds, a counter for events within the same millisecond, and the
 * device id, written as one string that sorts in causal order (Kulkarni et al.; the same shape Actual Budget uses).
 * `2026-11-28T09:15:02.113Z-0000-3f1c9a2e4b7d4c51`
 */
export interface Timestamp {
  millis: number;
  counter: number;
  device: string;
}

export const maxCounter = 0xffff;
/** How far ahead of our wall clock a peer's timestamp may be before we refuse it rather than jump ahead. */
export const defaultMaxDriftMs = 5 * 60_000;

export class ClockDriftError extends Error {
  constructor(readonly aheadMs: number) {
    super(`A peer's clock is ${Math.round(aheadMs / 1000)} s ahead of this device; fix the clock before syncing.`);
    this.name = 'ClockDriftError';
  }
}

export function formatTimestamp(t: Timestamp): string {
  return `${isoTime(t.millis)}-${t.counter.toString(16).padStart(4, '0')}-${t.device}`;
}

// A bulk write stamps thousands of changes within one millisecond: format that millisecond once.
let lastIso = { millis: Number.NaN, text: '' };
function isoTime(millis: number): string {
  if (millis !== lastIso.millis) lastIso = { millis, text: new Date(millis).toISOString() };
  return lastIso.text;
}

const pattern = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)-([0-9a-f]{4})-([0-9a-f]{16})$/;

export function parseTimestamp(text: string): Timestamp | null {
  const m = pattern.exec(text);
  if (!m) return null;
  const millis = Date.parse(m[1] ?? '');
  if (Number.isNaN(millis)) return null;
  return { millis, counter: parseInt(m[2] ?? '', 16), device: m[3] ?? '' };
}

export class HybridClock {
  private millis = 0;
  private counter = 0;

  constructor(
    readonly device: string,
    private readonly wallClock: () => number = Date.now,
    private readonly maxDriftMs = defaultMaxDriftMs,
    last?: string | null,
  ) {
    if (!/^[0-9a-f]{16}$/.test(device)) throw new Error(`Device id must be 16 hex digits, got "${device}".`);
    const seen = last ? parseTimestamp(last) : null;
    if (seen) this.observe(seen.millis, seen.counter);
  }

  /** A timestamp for a change made here, later than any this clock has issued or seen, even if the wall clock went back. */
  now(): string {
    const wall = this.wallClock();
    if (wall > this.millis) {
      this.millis = wall;
      this.counter = 0;
    } else {
      this.bump();
    }
    return formatTimestamp({ millis: this.millis, counter: this.counter, device: this.device });
  }

  /** Takes in a peer's timestamp so our next one sorts after it. Refuses a peer too far in the future. */
  receive(remote: string): void {
    const t = parseTimestamp(remote);
    if (!t) throw new Error(`"${remote}" is not a clock timestamp.`);
    const ahead = t.millis - this.wallClock();
    if (ahead > this.maxDriftMs) throw new ClockDriftError(ahead);
    this.observe(t.millis, t.counter);
  }

  /**
   * Moves past a timestamp this device issued on another thread (an import saved on a worker, imports/save.ts). No
   * drift limit: it is our own clock's, so a wall clock set back since must not make our next change sort before it.
   */
  catchUp(own: string): void {
    const t = parseTimestamp(own);
    if (!t || t.device !== this.device) throw new Error(`"${own}" is not a timestamp of this device.`);
    this.observe(t.millis, t.counter);
  }

  private observe(millis: number, counter: number): void {
    if (millis > this.millis || (millis === this.millis && counter > this.counter)) {
      this.millis = millis;
      this.counter = counter;
    }
  }

  private bump(): void {
    if (this.counter >= maxCounter) {
      // 65,536 changes in one millisecond means the clock is stuck; move time on rather than reuse a timestamp.
      this.millis += 1;
      this.counter = 0;
    } else {
      this.counter += 1;
    }
  }
}
