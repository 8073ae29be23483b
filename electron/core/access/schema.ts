import { z } from 'zod';
import { id } from '../events/schema';
import { pin } from '../kiosk/schema';

/** Who may work on the staff side: an administrator (passphrase) or staff (PIN). The kiosk needs no one. */
export const roles = ['admin', 'staff'] as const;
export const role = z.enum(roles);
export type Role = z.infer<typeof role>;

export const minPassphrase = 10;
/** An administrator's passphrase: long enough that a lost laptop's hash is not worth guessing at. */
export const passphrase = z
  .string()
  .max(200)
  .refine((value) => [...value].length >= minPassphrase, { params: { key: 'passphraseShort' } });

const memberName = z.string().trim().min(1).max(80);

export const member = z.strictObject({ id, name: z.string(), role, removed: z.boolean() });
export type Member = z.infer<typeof member>;

export const minIdleMinutes = 1;
export const maxIdleMinutes = 120;
export const defaultIdleMinutes = 5;

/** What the sign-in screen needs: is there an administrator yet, who can sign in, who is signed in here. */
export const accessStatus = z.strictObject({
  setUp: z.boolean(),
  /** The people who can sign in, so the screen can offer their names; empty while the device is a kiosk. */
  members: z.array(z.strictObject({ id, name: z.string(), role })),
  caller: z.strictObject({ id: z.string(), name: z.string(), role, locked: z.boolean() }).nullable(),
  idleMinutes: z.number().int(),
});
export type AccessStatus = z.infer<typeof accessStatus>;

export const accessSetup = z.strictObject({ name: memberName, passphrase });
export const accessSignIn = z.strictObject({ memberId: id, secret: z.string().max(200) });
export const accessUnlock = z.strictObject({ secret: z.string().max(200) });

export const memberAdd = z.discriminatedUnion('role', [
  z.strictObject({ role: z.literal('admin'), name: memberName, secret: passphrase }),
  z.strictObject({ role: z.literal('staff'), name: memberName, secret: pin }),
]);
export const memberSecret = z.strictObject({ memberId: id, secret: z.string().max(200) });
export const memberRemove = z.strictObject({ memberId: id });
export const idleSetting = z.strictObject({ minutes: z.number().int().min(minIdleMinutes).max(maxIdleMinutes) });
