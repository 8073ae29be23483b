import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers';
import { pdfPages, pdfText } from '../exports/readers';
import { createEvent, muster } from './muster-cli';

function add(data: string, eventId: string, given: string, family: string): { id: string; code: string } {
  const run = muster(
    'participant',
    'add',
    '--data',
    data,
    '--event',
    eventId,
    '--json',
    '--given',
    given,
    '--family',
    family,
    '--gender',
    'female',
    '--country',
    'UZ',
    '--organisation',
    'Ministry of Internal Affairs',
    '--org-type',
    'law_enforcement',
    '--category',
    'partner_state_delegate',
  );
  expect(run.code, run.stderr).toBe(0);
  return (JSON.parse(run.stdout) as { registration: { id: string; code: string } }).registration;
}

/** The QR tokens a real reader finds in a PDF rendered at 300 dpi. */
function scan(file: string): string[] {
  const dir = tempDir();
  execFileSync('pdftoppm', ['-r', '300', '-png', file, path.join(dir, 'page')]);
  return readdirSync(dir)
    .sort()
    .flatMap((png) =>
      execFileSync('zbarimg', ['--raw', '-q', path.join(dir, png)], { encoding: 'utf8' })
        .split('\n')
        .filter(Boolean),
    );
}

describe('muster badges and verify-code', () => {
  it('writes badges, and verifies their scanned QR codes and short codes; refusals exit 1 with the reason', () => {
    const data = tempDir();
    const { eventId } = createEvent(data);
    const other = createEvent(data).eventId;
    const dilnoza = add(data, eventId, 'Дилноза', 'Юсупова');
    const rustam = add(data, eventId, 'Rustam', 'Karimov');
    add(data, other, 'Aziz', 'Aliyev');

    const out = path.join(tempDir(), 'badges.pdf');
    const written = muster('badges', '--data', data, '--event', eventId, '--layout', 'a6', '--out', out, '--json');
    expect(written.code, written.stderr).toBe(0);
    expect(JSON.parse(written.stdout)).toMatchObject({ file: out, badges: 2, pages: 2 });
    expect(pdfText(readFileSync(out))).toContain('Дилноза Юсупова');

    const one = path.join(tempDir(), 'one.pdf');
    const single = muster(
      'badges',
      '--data',
      data,
      '--event',
      eventId,
      '--layout',
      '4x3',
      '--out',
      one,
      '--registration',
      rustam.id,
    );
    expect(single.code, single.stderr).toBe(0);
    expect(single.stdout).toContain('1 badges, 1 pages');
    expect(pdfPages(readFileSync(one))).toBe(1);

    const [token] = scan(one);
    expect(token).toMatch(/^M1\./);
    const good = muster('verify-code', token!, '--data', data, '--event', eventId, '--json');
    expect(good.code, good.stderr).toBe(0);
    expect(JSON.parse(good.stdout)).toMatchObject({
      valid: true,
      kind: 'badge',
      registrationId: rustam.id,
      name: 'Rustam Karimov',
    });
    const typed = muster('verify-code', dilnoza.code.toLowerCase(), '--data', data, '--event', eventId);
    expect(typed.code).toBe(0);
    expect(typed.stdout).toContain('Valid code for Дилноза Юсупова');

    const flipped = token!.slice(0, 40) + (token![40] === 'A' ? 'B' : 'A') + token!.slice(41);
    const forged = muster('verify-code', flipped, '--data', data, '--event', eventId);
    expect(forged.code).toBe(1);
    expect(forged.stderr).toMatch(/^muster: Refused \(forged\): /);
    const elsewhere = muster('verify-code', token!, '--data', data, '--event', other, '--json');
    expect(elsewhere.code).toBe(1);
    expect(JSON.parse(elsewhere.stdout)).toMatchObject({ valid: false, reason: 'wrong_event' });
    const garbage = muster('verify-code', 'hello', '--data', data, '--event', eventId);
    expect([garbage.code, garbage.stderr]).toEqual([1, expect.stringContaining('Refused (malformed)')]);
  }, 120_000);

  it('exits 2 for a mistake in the call, and 1 for a layout the contract refuses, writing nothing', () => {
    const data = tempDir();
    const { eventId } = createEvent(data);
    const out = path.join(tempDir(), 'badges.pdf');
    expect(muster('badges', '--data', data, '--event', eventId, '--out', out).code).toBe(2);
    expect(muster('verify-code', '--data', data, '--event', eventId).code).toBe(2);
    const bad = muster('badges', '--data', data, '--event', eventId, '--layout', 'a3', '--out', out);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^muster: layout: /);
    expect(existsSync(out)).toBe(false);
  }, 60_000);
});
