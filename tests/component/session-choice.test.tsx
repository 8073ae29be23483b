import { describe, expect, it } from 'vitest';
import { currentSession, nowIn } from '../../renderer/src/desk/session-choice';

const sessions = [
  { id: 'd1', date: '2026-03-10', startTime: '09:00', endTime: '17:00' },
  { id: 'd2-am', date: '2026-03-11', startTime: '09:00', endTime: '12:30' },
  { id: 'd2-pm', date: '2026-03-11', startTime: '14:00', endTime: '17:00' },
  { id: 'd4', date: '2026-03-13', startTime: '09:00', endTime: '17:00' },
];
const at = (iso: string) => new Date(iso);

describe("today's session", () => {
  it('reads the day and the time where the event is, not where the kiosk is', () => {
    // 22:30 UTC on the 10th is already 01:30 on the 11th in Nairobi, and still the 10th in Port of Spain.
    expect(nowIn('Africa/Nairobi', at('2026-03-10T22:30:00Z'))).toEqual({ date: '2026-03-11', time: '01:30' });
    expect(nowIn('America/Port_of_Spain', at('2026-03-10T22:30:00Z'))).toEqual({ date: '2026-03-10', time: '18:30' });
  });

  it('chooses the session running now, else today’s next, else today’s last', () => {
    const nairobi = (time: string) => currentSession(sessions, 'Africa/Nairobi', at(`2026-03-11T${time}:00+03:00`));
    expect(nairobi('10:00')?.id).toBe('d2-am');
    expect(nairobi('13:00')?.id).toBe('d2-pm');
    expect(nairobi('07:00')?.id).toBe('d2-am');
    expect(nairobi('19:00')?.id).toBe('d2-pm');
  });

  it('falls back to the nearest day, the coming one when two are as near', () => {
    // The 12th has no session: the 11th and the 13th are both a day away, and the 13th is still to come.
    expect(currentSession(sessions, 'UTC', at('2026-03-12T10:00:00Z'))?.id).toBe('d4');
    expect(currentSession(sessions, 'UTC', at('2026-01-01T10:00:00Z'))?.id).toBe('d1');
    expect(currentSession(sessions, 'UTC', at('2026-12-01T10:00:00Z'))?.id).toBe('d4');
    expect(currentSession([], 'UTC')).toBeUndefined();
  });
});
