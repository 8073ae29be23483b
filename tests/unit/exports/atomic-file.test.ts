import fs, { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { writeFileAtomic } from '../../../electron/core/exports/atomic-file';
import { tempDir } from '../helpers';

// A disk that fills up part way: the test turns it on, and every write after the first chunk fails.
const disk = vi.hoisted(() => ({ full: false }));
vi.mock('node:fs', async (original) => {
  const real = await original<typeof fs>();
  const writeSync = ((fd: number, buffer: Uint8Array, offset?: number, length?: number) => {
    if (disk.full && (offset ?? 0) > 0)
      throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    // Half of what is asked, so a second write is always needed.
    return real.writeSync(fd, buffer, offset ?? 0, Math.max(1, Math.floor((length ?? buffer.length) / 2)));
  }) as typeof real.writeSync;
  return { ...real, default: { ...real, writeSync }, writeSync };
});

describe('writing an export atomically', () => {
  it('writes the whole file and leaves no temporary file behind', () => {
    const dir = tempDir();
    const file = path.join(dir, 'attendance.xlsx');
    const bytes = Buffer.from('x'.repeat(100_000));
    writeFileAtomic(file, bytes);
    expect(readFileSync(file).equals(bytes)).toBe(true);
    expect(readdirSync(dir)).toEqual(['attendance.xlsx']);
  });

  it('keeps the previous file whole, and leaves no half file, when the disk fills up part way', () => {
    const dir = tempDir();
    const file = path.join(dir, 'attendance.csv');
    writeFileSync(file, 'the previous export');
    disk.full = true;
    try {
      expect(() => writeFileAtomic(file, Buffer.from('y'.repeat(100_000)))).toThrow(/ENOSPC/);
    } finally {
      disk.full = false;
    }
    expect(readFileSync(file, 'utf8')).toBe('the previous export');
    expect(readdirSync(dir)).toEqual(['attendance.csv']);
  });

  it('creates nothing under the name when the disk fills up on a new file', () => {
    const dir = tempDir();
    disk.full = true;
    try {
      expect(() => writeFileAtomic(path.join(dir, 'signin.pdf'), Buffer.from('z'.repeat(10_000)))).toThrow();
    } finally {
      disk.full = false;
    }
    expect(readdirSync(dir)).toEqual([]);
  });

  it('cleans up when the final rename fails (the name is a folder)', () => {
    const dir = tempDir();
    const target = path.join(dir, 'summary.pdf');
    mkdirSync(target);
    writeFileSync(path.join(target, 'keep'), 'x');
    expect(() => writeFileAtomic(target, Buffer.from('pdf'))).toThrow();
    expect(readdirSync(dir)).toEqual(['summary.pdf']);
    expect(fs.statSync(target).isDirectory()).toBe(true);
  });
});
