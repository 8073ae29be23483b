import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClockDriftError, HybridClock, parseTimestamp } from '../../../electron/core/changes/clock';

const device = '0123456789abcdef';
const other = 'fedcba9876543210';

function fakeWall(start: number) {
  let now = start;
  return { read: () => now, set: (t: number) => (now = t) };
}

describe('hybrid logical clock', () => {
  it('issues strictly increasing timestamps even when the wall clock goes backwards', () => {
    const wall = fakeWall(Date.UTC(2026, 10, 28, 9));
    const clock = new HybridClock(device, wall.read);
    const a = clock.now();
    wall.set(Date.UTC(2026, 10, 28, 8)); // someone set the kiosk's clock back an hour
    const b = clock.now();
    const c = clock.now();
    expect(a < b && b < c).toBe(true);
    expect(parseTimestamp(b)?.millis).toBe(Date.UTC(2026, 10, 28, 9));
  });

  it('orders any sequence of wall-clock readings', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1e12, max: 2e12 }), { minLength: 2, maxLength: 200 }), (readings) => {
        const wall = fakeWall(readings[0] ?? 0);
        const clock = new HybridClock(device, wall.read);
        const stamps = readings.map((t) => {
          wall.set(t);
          return clock.now();
        });
        return stamps.every((s, i) => i === 0 || (stamps[i - 1] ?? '') < s);
      }),
    );
  });

  it("moves past a peer's timestamp it has received", () => {
    const wall = fakeWall(Date.UTC(2026, 10, 28, 9));
    const clock = new HybridClock(device, wall.read);
    const peer = new HybridClock(other, () => Date.UTC(2026, 10, 28, 9, 2));
    const theirs = peer.now();
    clock.receive(theirs);
    expect(clock.now() > theirs).toBe(true);
  });

  it('refuses a peer whose clock is further ahead than the drift limit', () => {
    const clock = new HybridClock(device, () => Date.UTC(2026, 10, 28, 9), 60_000);
    const farAhead = new HybridClock(other, () => Date.UTC(2026, 10, 28, 9, 5)).now();
    expect(() => clock.receive(farAhead)).toThrow(ClockDriftError);
    const slightlyAhead = new HybridClock(other, () => Date.UTC(2026, 10, 28, 9, 0, 30)).now();
    expect(() => clock.receive(slightlyAhead)).not.toThrow();
  });

  it('carries on after the last timestamp it issued before a restart', () => {
    const wall = fakeWall(Date.UTC(2026, 10, 28, 9));
    const before = new HybridClock(device, wall.read);
    const last = before.now();
    wall.set(Date.UTC(2026, 10, 28, 7));
    const after = new HybridClock(device, wall.read, undefined, last);
    expect(after.now() > last).toBe(true);
  });

  it('keeps counting past 65,535 changes in one millisecond without repeating a timestamp', () => {
    const clock = new HybridClock(device, () => 1_700_000_000_000);
    const seen = new Set<string>();
    for (let i = 0; i < 70_000; i++) seen.add(clock.now());
    expect(seen.size).toBe(70_000);
  });

  it('rejects malformed timestamps and device ids', () => {
    expect(parseTimestamp('yesterday')).toBeNull();
    expect(() => new HybridClock('not-hex')).toThrow(/16 hex/);
    expect(() => new HybridClock(device).receive('2026-13-45')).toThrow(/not a clock timestamp/);
  });
});
