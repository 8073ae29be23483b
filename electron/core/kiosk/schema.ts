import { z } from 'zod';
import { badgeLayout, printerName } from '../badges/schema';
import { id, language } from '../events/schema';
import { unspacedScript } from '../text/search-text';

/**
 * What the self-service kiosk may ask and answer. The answers are strict objects with only what the screen shows:
 * a name and an organisation. Email, phone, country and the rest of a person's record have no field here, so no
 * handler bug can put them on a screen the next person in the queue reads (a strict object refuses unknown keys).
 */

/** A staff PIN: digits only, so it can be typed on the kiosk's on-screen keypad or a number row. */
export const pin = z.string().refine((value) => /^\d{4,12}$/.test(value), { params: { key: 'kioskPin' } });

export const minIdleSeconds = 2;
export const maxIdleSeconds = 600;
export const defaultIdleSeconds = 30;

export const kioskBadges = z.object({ printer: printerName.default(''), layout: badgeLayout.default('a6') }).strict();

export const kioskEnter = z
  .object({
    sessionId: id,
    pin,
    /** Seconds without a touch after which any screen returns to the welcome screen and forgets the person. */
    idleSeconds: z.number().int().min(minIdleSeconds).max(maxIdleSeconds).default(defaultIdleSeconds),
    /** Print each person's badge when they check in, on this printer ('' = the default one), in this layout. */
    badges: kioskBadges.nullable().default(null),
  })
  .strict();

export const kioskLeave = z.object({ pin: z.string().max(64) }).strict();

/** The data-protection notice people agree to at the kiosk, when they have not already. */
export const kioskNotice = z.strictObject({ text: z.string(), version: z.string() });

/** Where this device's kiosk stands, and what its screens need of the event and session. */
export const kioskState = z.discriminatedUnion('active', [
  z.strictObject({ active: z.literal(false) }),
  z.strictObject({
    active: z.literal(true),
    eventId: id,
    sessionId: id,
    eventTitle: z.string(),
    sessionName: z.string(),
    timeZone: z.string(),
    /** The event's languages, in the event's order: the first is the one the welcome screen starts in. */
    languages: z.array(language).min(1),
    idleSeconds: z.number().int(),
    signatureRequired: z.boolean(),
    notice: kioskNotice.nullable(),
    /** Where badges go at check-in, when the kiosk prints them: only then does the success screen say so. */
    badges: kioskBadges.nullable(),
    startedAt: z.string(),
  }),
]);
export type KioskState = z.infer<typeof kioskState>;

export const kioskLeft = z.strictObject({ active: z.literal(false), sessionId: id, eventId: id });

export const minNameQuery = 3;

/**
 * Enough of a name to search without listing half the roster: three characters, or two in a script where one
 * character is a whole syllable (李娜 is a full name, and many Chinese and Korean names are two or three characters).
 */
export function isSearchableName(query: string): boolean {
  const length = [...query.trim()].length;
  return length >= minNameQuery || (length === minNameQuery - 1 && unspacedScript.test(query));
}
export const maxNameResults = 5;

export const kioskFind = z
  .object({
    /** At least three characters (two Chinese, Japanese or Korean ones): fewer would list half the roster. */
    query: z
      .string()
      .trim()
      .max(100)
      .refine(isSearchableName, { params: { key: 'kioskQueryShort' } }),
  })
  .strict();

/** One line of the kiosk's name search: someone the kiosk can check in, named as their badge names them. */
const kioskPerson = z.strictObject({
  kind: z.literal('person'),
  registrationId: id,
  name: z.string(),
  organisation: z.string(),
});
/**
 * Two or more people with the same name and the same organisation: nothing on screen could tell them apart without
 * showing more about them, so the line cannot be chosen (no id) and the kiosk asks for the badge or the desk.
 */
const kioskAmbiguous = z.strictObject({ kind: z.literal('ambiguous'), name: z.string(), organisation: z.string() });

export const kioskMatches = z.strictObject({
  results: z.array(z.discriminatedUnion('kind', [kioskPerson, kioskAmbiguous])).max(maxNameResults),
  /** More people matched than are shown: the screen asks to keep typing. */
  more: z.boolean(),
});
export type KioskMatches = z.infer<typeof kioskMatches>;

/** Who is at the kiosk: a badge scanned (the short code or the signed token) or a line chosen from the name search. */
export const kioskWho = z.union([
  z.strictObject({ scan: z.string().trim().min(1).max(2000) }),
  z.strictObject({ registrationId: id }),
]);

export const kioskIdentify = z.strictObject({ who: kioskWho });

/** The person found, as the kiosk greets them, and what the check-in will still ask of them. */
export const kioskIdentity = z.strictObject({
  registrationId: id,
  name: z.string(),
  organisation: z.string(),
  /** They have not agreed to the event's current notice yet: the kiosk shows it with a consent box. */
  needsConsent: z.boolean(),
  /** Already checked in to this session (their own fact, so it may be shown to them): when. */
  checkedInAt: z.string().nullable(),
});
export type KioskIdentity = z.infer<typeof kioskIdentity>;

/**
 * The signature box the kiosk draws in, in canvas pixels (one per CSS pixel: a signature needs no retina detail, and
 * the PNG stays a few kilobytes). The core sizes its checks of a signature from it (kiosk/png.ts).
 */
export const signatureCanvas = { width: 600, height: 200 } as const;

/** The keys of the issues a refused signature carries, so the kiosk can say each in the attendee's language. */
export const signatureRefusals = [
  'signatureRequired',
  'signatureNotPng',
  'signatureTooLarge',
  'signatureBlank',
] as const;
export type SignatureRefusal = (typeof signatureRefusals)[number];

/** PNG signature, base64. 48 KiB of PNG is a generous signature at kiosk resolution, and a bounded row to sync. */
export const maxSignatureBytes = 48 * 1024;
const pngBase64Prefix = 'iVBORw0KGgo'; // the 8 PNG magic bytes (89 50 4E 47 0D 0A 1A 0A), base64-encoded

export const signaturePng = z
  .base64()
  .max(Math.ceil(maxSignatureBytes / 3) * 4)
  .refine((data) => data.startsWith(pngBase64Prefix), { params: { key: 'signatureNotPng' } });

export const kioskCheckIn = z
  .object({
    /** The caller's nonce: a retried check-in (a network blip, a double tap) is one check-in. */
    id,
    registrationId: id,
    method: z.enum(['qr', 'search']),
    signature: signaturePng.optional(),
    /** The version of the notice the person agreed to, when the kiosk showed it. */
    consent: z.strictObject({ noticeVersion: z.string().trim().min(1).max(50) }).optional(),
  })
  .strict();

export const kioskCheckedIn = z.strictObject({
  checkInId: id,
  at: z.string(),
  name: z.string(),
  signatureStored: z.boolean(),
});
