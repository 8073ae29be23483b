import { conflict, notFound } from '../api/errors';
import type { Context } from '../context';
import { prepared } from '../db/statements';
import type { Language } from '../events/schema';
import { asCategory } from '../reports/closed-lists';
import { displayName } from '../exports/columns';
import { documentWords } from '../exports/words';
import { formatCode } from '../participants/code';
import type { Category } from '../participants/schema';
import type { BadgeContent } from './schema';
import { currentIssue, ensureEventKey } from './store';
import { signToken } from './token';

/**
 * One band colour per category, with the ink for the category's name written on it (white or near-black, whichever
 * contrasts at least 4.5:1). Colours are a help for the eye across a room; the words carry the meaning.
 */
export const categoryColours: Record<Category, { colour: string; ink: string }> = {
  partner_state_delegate: { colour: '#1f4e9c', ink: '#ffffff' },
  embassy: { colour: '#7b2d8e', ink: '#ffffff' },
  private_sector: { colour: '#f2a900', ink: '#1a1a1a' },
  international_organisation: { colour: '#00808a', ink: '#ffffff' },
  un: { colour: '#5b92e5', ink: '#1a1a1a' },
  civil_society_academia: { colour: '#2e7d32', ink: '#ffffff' },
  speaker_expert: { colour: '#c62828', ink: '#ffffff' },
  organiser_staff: { colour: '#212121', ink: '#ffffff' },
  observer: { colour: '#bdbdbd', ink: '#1a1a1a' },
};

interface Row {
  registration_id: string;
  event_id: string;
  code: string;
  category: Category;
  honorific: string;
  given_names: string;
  family_name: string;
  badge_name: string;
  country: string;
  organisation: string;
  erased_at: string | null;
}

const columns = `r.id AS registration_id, r.event_id, r.code, r.category, p.honorific, p.given_names, p.family_name,
  p.badge_name, p.country, p.organisation, p.erased_at`;

/**
 * The badges of an event (those chosen, or every registration, cancelled ones only when asked), in roster order, each with its QR
 * token signed now. Reads in one transaction (the event's key is made in it on first need), on the main thread:
 * the private key never leaves it, only signed tokens go to the worker that draws.
 */
export function readBadges(
  ctx: Context,
  eventId: string,
  options: { registrationIds?: readonly string[]; includeCancelled?: boolean; language?: Language } = {},
): BadgeContent[] {
  const { registrationIds } = options;
  return ctx.db.transaction(() => {
    const event = prepared(ctx.db, 'SELECT title, languages FROM events WHERE id = ?').get(eventId) as
      { title: string; languages: string } | undefined;
    if (!event) throw notFound('Event', eventId);
    // The event's first language unless the export chose another: the one its participants read.
    const words = documentWords(options.language ?? (JSON.parse(event.languages) as Language[])[0] ?? 'en');
    let rows: Row[];
    if (registrationIds) {
      const one = prepared(
        ctx.db,
        `SELECT ${columns} FROM registrations r JOIN participants p ON p.id = r.participant_id WHERE r.id = ?`,
      );
      rows = registrationIds.map((id) => {
        const row = one.get(id) as Row | undefined;
        if (!row || row.event_id !== eventId) throw notFound('Registration', id);
        if (row.erased_at !== null)
          throw conflict("This person's personal data was erased: there is no badge to print.");
        return row;
      });
    } else {
      rows = prepared(
        ctx.db,
        `SELECT ${columns} FROM roster ro
         JOIN registrations r ON r.id = ro.registration_id
         JOIN participants p ON p.seq = ro.participant_seq
         WHERE ro.event_id = ? AND (r.status != 'cancelled' OR ?)
           -- An erased person's badge would be a blank card with a QR code that still checks them in.
           AND p.erased_at IS NULL
         ORDER BY ro.sort_name, ro.seq`,
      ).all(eventId, options.includeCancelled ? 1 : 0) as Row[];
    }
    const key = ensureEventKey(ctx, eventId);
    return rows.map((row) => ({
      registrationId: row.registration_id,
      name: row.badge_name.trim() || displayName({ givenNames: row.given_names, familyName: row.family_name }),
      organisation: row.organisation,
      country: words.country(row.country),
      category: row.category,
      categoryLabel: words.category(asCategory(row.category)),
      ...(categoryColours[row.category] ?? { colour: '#bdbdbd', ink: '#1a1a1a' }),
      token: signToken(
        { eventId, registrationId: row.registration_id, issue: currentIssue(ctx.db, row.registration_id) },
        key.privateKey,
      ),
      code: formatCode(row.code),
      eventTitle: event.title,
    }));
  })();
}
