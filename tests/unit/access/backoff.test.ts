import { describe, expect, it } from 'vitest';
import { Backoff } from '../../../electron/core/access/backoff';

describe('the in-memory back-off for passphrases', () => {
  it('lets a few mistakes pass, then makes each guess wait longer, and forgets after a right one', () => {
    let now = 1_000_000;
    const limit = new Backoff(() => now);
    for (let i = 0; i < 4; i += 1) expect(limit.failed()).toBe(0);
    expect(limit.waitSeconds()).toBe(0);
    expect(limit.failed()).toBe(30);
    expect(limit.waitSeconds()).toBe(30);
    now += 29_500;
    expect(limit.waitSeconds()).toBe(1);
    now += 500;
    expect(limit.waitSeconds()).toBe(0);
    expect(limit.failed()).toBe(60);
    now += 60_000;
    limit.succeeded();
    expect(limit.waitSeconds()).toBe(0);
    expect(limit.failed()).toBe(0);
  });
});
