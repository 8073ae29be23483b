import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers';
import { createEvent, muster } from './muster-cli';

describe('muster participant and checkin', () => {
  it('registers, lists, searches and checks people in, with one-line refusals', () => {
    const data = tempDir();
    const { eventId, day1 } = createEvent(data);
    const common = ['--data', data, '--event', eventId];

    const amina = muster(
      'participant',
      'add',
      ...common,
      '--json',
      '--given',
      'Amina',
      '--family',
      'Otieno',
      '--gender',
      'female',
      '--country',
      'ke',
      '--organisation',
      'National Police Service',
      '--org-type',
      'law_enforcement',
      '--category',
      'partner_state_delegate',
      '--phone',
      '0712 345 678',
    );
    expect(amina.code).toBe(0);
    const registered = JSON.parse(amina.stdout) as {
      participant: { phone: string };
      registration: { code: string };
    };
    expect(registered.participant.phone).toBe('+254712345678');
    const code = registered.registration.code;

    const jose = muster(
      'participant',
      'add',
      ...common,
      '--given',
      'José',
      '--family',
      'Pérez',
      '--gender',
      'male',
      '--country',
      'CO',
      '--organisation',
      'Policía Nacional',
      '--org-type',
      'law_enforcement',
      '--category',
      'partner_state_delegate',
      '--status',
      'walk_in',
      '--check-in',
      day1,
    );
    expect(jose.code).toBe(0);
    expect(jose.stdout).toMatch(/^Registered José Pérez \(.+\), code [0-9A-Z]{4}-[0-9A-Z]{4}\.\nChecked in at /);

    const listed = JSON.parse(muster('participant', 'list', ...common, '--session', day1, '--json').stdout) as {
      total: number;
      rows: { familyName: string; attendance: unknown }[];
    };
    expect(listed.total).toBe(2);
    expect(listed.rows.map((r) => [r.familyName, r.attendance !== null])).toEqual([
      ['Otieno', false],
      ['Pérez', true],
    ]);
    const found = muster('participant', 'list', ...common, '--search', 'jose perez');
    expect(found.stdout).toMatch(/José Pérez\s+CO\s+Policía Nacional\s+partner_state_delegate\s+walk_in\n1 of 1/);

    const typed = `${code.slice(0, 4).toLowerCase()}-${code.slice(4)}`;
    const checkin = muster('checkin', ...common, '--session', day1, '--code', typed);
    expect(checkin.stderr).toBe('');
    expect(checkin.stdout).toMatch(
      new RegExp(
        `^Checked in Amina Otieno \\(${code.slice(0, 4)}-${code.slice(4)}\\) to Day 1 at \\d\\d:\\d\\d\\.\\n$`,
      ),
    );

    const again = muster('checkin', ...common, '--session', day1, '--code', code);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(
      /^muster: Amina Otieno was already checked in to Day 1 at \d\d:\d\d at this desk\.\n$/,
    );

    const neither = muster('checkin', ...common, '--session', day1);
    expect([neither.code, neither.stderr]).toEqual([2, expect.stringMatching(/^muster: Give --code or --participant/)]);
  }, 60_000);
});
