import type { Db } from '../db/driver';

/**
 * The signature a participant drew on the kiosk when checking in, as PNG bytes, or null: then the sign-in sheet
 * shows an empty box to sign on paper. Signatures arrive with issue 5 (captured at check-in, stored with the
 * check-in record); this is the one place the sheets ask for them.
 */
export function signatureFor(db: Db, checkInId: string): Uint8Array | null {
  void db;
  void checkInId;
  return null;
}
