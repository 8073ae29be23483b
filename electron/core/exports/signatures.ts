import type { Db } from '../db/driver';
import { signaturePng } from '../kiosk/store';

/**
 * The signature a participant drew on the kiosk when checking in, as PNG bytes, or null: then the sign-in sheet
 * shows an empty box to sign on paper. Signatures are stored with the check-in record they belong to (kiosk/store.ts).
 */
export function signatureFor(db: Db, checkInId: string): Uint8Array | null {
  const png = signaturePng(db, checkInId);
  // A blank one was erased with its signer (erasure/erase.ts): the sheet shows the empty box.
  return png === undefined || png === '' ? null : Buffer.from(png, 'base64');
}
