import { z } from 'zod';

/**
 * A passphrase typed by staff: long enough that scrypt makes guessing it slow, short enough to read out. On its own so
 * the screens can check it too (the rest of the sync schema needs Node).
 */
export const passphrase = z.string().min(8).max(1024);
