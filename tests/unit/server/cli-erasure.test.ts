import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers';
import { createEvent, muster } from './muster-cli';

describe('muster participant erase and muster retention', () => {
  it('erases one person by id, then shows the event kept 365 days and runs retention by hand', () => {
    const data = tempDir();
    const { eventId } = createEvent(data);
    const added = muster(
      ...['participant', 'add', '--data', data, '--json', '--event', eventId, '--family', 'Begić', '--given', 'Dženan'],
      ...['--gender', 'male', '--country', 'BA', '--organisation', 'Ministry of Security', '--org-type', 'government'],
      ...['--category', 'partner_state_delegate'],
    );
    expect(added.stderr).toBe('');
    const personId = (JSON.parse(added.stdout) as { participant: { id: string } }).participant.id;

    const erased = muster('participant', 'erase', '--person', personId, '--data', data);
    expect(erased.stderr).toBe('');
    expect(erased.stdout).toContain(`Erased the personal data of ${personId}`);
    const listed = muster('participant', 'list', '--event', eventId, '--data', data, '--json');
    expect(listed.stdout).not.toMatch(/Begi|Dženan|Ministry/);

    const status = JSON.parse(muster('retention', 'status', '--data', data, '--json').stdout) as {
      events: { retentionDays: number; keepUntil: string; peopleWithData: number }[];
    };
    expect(status.events).toEqual([
      expect.objectContaining({ retentionDays: 365, keepUntil: '2024-09-12', peopleWithData: 0 }),
    ]);
    // The event ended long ago, but its only person is already erased: nothing left to do.
    expect(muster('retention', 'run', '--data', data).stdout).toContain('Nobody is due');
  });

  it('refuses an unknown person and a malformed call', () => {
    const data = tempDir();
    createEvent(data);
    const unknown = muster('participant', 'erase', '--person', '0190f1a4-7c1e-7000-8000-000000000000', '--data', data);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/not found/);
    expect(muster('participant', 'erase', '--data', data).code).toBe(2);
    expect(muster('retention', 'now', '--data', data).code).toBe(2);
  });
});
