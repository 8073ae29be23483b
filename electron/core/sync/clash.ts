import { formatCode } from '../participants/code';

/**
 * What staff read when a sync file would break a uniqueness rule of registrations, the same from a replica and from
 * either hub: the clash and what to do about it, named by check-in code (searchable at the desk), never by a person's
 * name (a kiosk keeps the last failure with its hub link, and a name there would outlive the person's erasure).
 * `where` is the side refusing: "here" on a replica, "on the hub" for a hub.
 */
export function codeClash(code: string | undefined, where: string): string {
  const which = code === undefined ? 'A check-in code' : `Check-in code ${formatCode(code)}`;
  return (
    `${which} was given to one person ${where} and to another in the sync file (two kiosks gave out the same ` +
    'badge offline): on one kiosk, find the code at the desk and reissue that badge, then sync again. ' +
    'Nothing was changed.'
  );
}

export function personClash(codeThere: string | undefined, where: string): string {
  const known = codeThere === undefined ? '' : `; ${where} under check-in code ${formatCode(codeThere)}`;
  return (
    `One person is registered for this event twice, ${where} and in the sync file (two kiosks each registered ` +
    `them offline${known}). Nothing was changed.`
  );
}
