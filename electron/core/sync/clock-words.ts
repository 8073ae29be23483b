import { defaultMaxDriftMs, parseTimestamp } from '../changes/clock';
import { deviceOf } from './scope';

/**
 * A clock_ahead refusal, said for both cases, the same from a replica and from either hub: the refusing clock may be
 * the wrong one (a kiosk set to 2019), or the sender's was ahead when it made the changes (set to the venue's time
 * under the wrong zone). Setting the sender's clock right does not re-date what it made meanwhile, so it says when
 * those changes can come in.
 */
export function clockAhead(input: { newest: string; aheadMs: number; now: number; clock: string }): string {
  const at = (millis: number) => `${new Date(millis).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const from = parseTimestamp(input.newest)?.millis ?? input.now + input.aheadMs;
  return (
    `Changes from device ${deviceOf(input.newest)} are dated ${span(input.aheadMs)} ahead of ${input.clock} ` +
    `(${at(input.now)}), so nothing was changed. If that clock is wrong, set it right and sync again. If it is right, ` +
    'the sending device’s clock was ahead when it made them: set it right there; what it made meanwhile can come in ' +
    `from ${at(from - defaultMaxDriftMs)}, when ${input.clock} reaches it.`
  );
}

function span(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  const [days, hours, mins] = [Math.floor(minutes / 1440), Math.floor((minutes % 1440) / 60), minutes % 60];
  const parts = [days && `${days} d`, hours && `${hours} h`, !days && mins && `${mins} min`].filter(Boolean);
  return parts.length ? parts.join(' ') : `${Math.round(ms / 1000)} s`;
}
