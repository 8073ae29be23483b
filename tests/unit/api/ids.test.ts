import { describe, expect, it } from 'vitest';
import { newId } from '../../../electron/core/api/ids';
import { id } from '../../../electron/core/events/schema';

describe('record ids', () => {
  it('are UUIDs the contract accepts, version 7, distinct even within one millisecond', () => {
    const at = Date.parse('2026-11-28T09:00:00Z');
    const ids = Array.from({ length: 1000 }, () => newId(at));
    expect(new Set(ids).size).toBe(1000);
    for (const value of ids) {
      expect(id.safeParse(value).success).toBe(true);
      expect(value[14]).toBe('7');
      expect('89ab').toContain(value[19]);
    }
  });

  it('sort by the time they were made, so tables keyed by id grow at their end', () => {
    const start = Date.parse('2026-11-28T09:00:00Z');
    const made = Array.from({ length: 200 }, (_, i) => newId(start + i * 37));
    expect([...made].sort()).toEqual(made);
    // The time is readable back from the first 48 bits.
    expect(parseInt(made[0]!.replace(/-/g, '').slice(0, 12), 16)).toBe(start);
  });
});
