import { z } from 'zod';
import { id } from '../events/schema';

/** Badge sizes: an A4 sheet of 8 to cut (pre-printing), A6 (one per sheet), and a 4×3 inch label printer roll. */
export const badgeLayouts = ['a4-8', 'a6', '4x3'] as const;
export const badgeLayout = z.enum(badgeLayouts);
export type BadgeLayout = z.infer<typeof badgeLayout>;

export const badgeTokenInput = z.object({ registrationId: id }).strict();

/** What a badge carries to be checked in: the signed QR token and the short code to type. */
export const badgeCodes = z.object({
  registrationId: id,
  /** `M1.` + base64url of ids and an Ed25519 signature (electron/core/badges/token.ts). */
  token: z.string(),
  /** The 8-symbol check-in code, XXXX-XXXX. */
  code: z.string(),
  issue: z.number().int(),
});

/** A printer's name as the operating system lists it; empty for the system's default. */
export const printerName = z.string().trim().max(200);

export const badgePrintInput = z
  .object({
    /** The caller's nonce: a retried request logs one print. */
    id,
    registrationId: id,
    layout: badgeLayout,
    printer: printerName.default(''),
  })
  .strict();

export const badgePrintRecord = z.object({
  id,
  registrationId: id,
  layout: badgeLayout,
  printer: z.string(),
  device: z.string(),
  at: z.string(),
});
export type BadgePrintRecord = z.infer<typeof badgePrintRecord>;

/** Everything printed on one badge, read and signed on the main thread; the PDF worker and the print shell draw it. */
export const badgeContent = z.object({
  registrationId: id,
  /** The printed name: the badge name, or given and family names when none was set. */
  name: z.string(),
  organisation: z.string(),
  /** The country represented, named in the event's first language. */
  country: z.string(),
  category: z.string(),
  /** The category in words, so the colour band is never the only sign of it. */
  categoryLabel: z.string(),
  /** The band's colour and the colour of text on it (chosen for contrast). */
  colour: z.string(),
  ink: z.string(),
  token: z.string(),
  /** The short code, XXXX-XXXX. */
  code: z.string(),
  eventTitle: z.string(),
});
export type BadgeContent = z.infer<typeof badgeContent>;

export const badgePrintResult = badgePrintRecord.extend({ badge: badgeContent });
