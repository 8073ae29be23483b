import { describe, expect, it } from 'vitest';
import type { Language } from '../../../electron/core/events/schema';
import { pdfText } from './readers';
import { exported, workshop } from './setup';

// Workshops' full names in the languages whose words run longest: they used to end in an ellipsis on the summary's
// heading, and push the printing date off the sign-in sheet's footer.
const titles = {
  ru: 'Региональный практикум по противодействию финансированию терроризма для стран Центральной Азии и Южного Кавказа',
  fr: 'Atelier régional sur la coopération judiciaire et policière en matière de lutte contre le terrorisme en Afrique de l’Ouest',
} as const;

const longEvent = (languages: Language[], title: string) =>
  workshop(
    languages,
    [
      {
        givenNames: 'Aminata',
        familyName: 'Diallo',
        gender: 'female',
        country: 'SN',
        organisation: 'Police nationale',
        organisationType: 'law_enforcement',
        category: 'partner_state_delegate',
        present: true,
      },
    ],
    title,
  );

const text = (bytes: Uint8Array) =>
  pdfText(bytes)
    .replace(/[\u202a-\u202e]/g, '')
    .replace(/\s+/g, ' ');

describe('long titles in the longest languages', () => {
  for (const [languages, title] of [
    [['ru', 'en'], titles.ru],
    [['fr', 'ar'], titles.fr],
  ] as const) {
    it(`print whole on the summary, leave the sign-in sheet's printing date and take two lines on badges (${languages.join(' + ')})`, async () => {
      const { core, event } = await longEvent([...languages], title);
      const summary = text((await exported(core, { eventId: event.id, format: 'summary-pdf' })).bytes);
      expect(summary).toContain(title);
      expect(summary).not.toContain('…');

      const sheet = text(
        (await exported(core, { eventId: event.id, format: 'signin-pdf', sessionId: event.sessions[0]!.id })).bytes,
      );
      expect(sheet).toMatch(languages[0] === 'ru' ? /напечатано \d+ \S+ \d{4}/ : /imprimé le \d+ \S+ \d{4}/);
      expect(sheet).not.toContain('…');

      // A badge has room for two small lines of it: more of the name than one shrunk line held.
      const badges = text((await exported(core, { eventId: event.id, format: 'badges-pdf' })).bytes);
      expect(badges).toContain(title.split(' ').slice(0, 6).join(' '));
    });
  }
});
