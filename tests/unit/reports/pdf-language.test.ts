import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Input } from '../../../electron/core/api/contract';
import type { Core } from '../../../electron/core/context';
import type { Language } from '../../../electron/core/events/schema';
import { categories } from '../../../electron/core/participants/schema';
import { pdfText } from '../exports/readers';
import { nairobi, ok, refused, tempCore } from '../helpers';

type Person = Pick<
  Input<'participant.create'>,
  'givenNames' | 'familyName' | 'gender' | 'country' | 'organisation' | 'organisationType' | 'category'
>;

const delegate = (givenNames: string, familyName: string, gender: 'female' | 'male', country: string): Person => ({
  givenNames,
  familyName,
  gender,
  country,
  organisation: 'Ministère de l’Intérieur',
  organisationType: 'law_enforcement',
  category: 'partner_state_delegate',
});

/** An event in these languages: everyone registered, everyone but the last checked in to day 1. */
async function workshop(core: Core, languages: Language[], people: Person[], title = nairobi.title) {
  const event = await ok(core, 'event.create', { ...nairobi, title, languages });
  for (const [i, person] of people.entries()) {
    const { registration } = await ok(core, 'participant.create', { eventId: event.id, ...person });
    if (i < people.length - 1) {
      await ok(core, 'checkin.create', {
        id: randomUUID(),
        sessionId: event.sessions[0]!.id,
        registrationId: registration.id,
        method: 'qr',
      });
    }
  }
  return event;
}

async function reportText(core: Core, scope: { eventId: string } | { programmeId: string }, language?: Language) {
  const result = await ok(core, 'report.export', {
    jobId: randomUUID(),
    format: 'pdf',
    ...scope,
    ...(language ? { language } : {}),
  });
  return pdfText(Buffer.from(result.data, 'base64')).replace(/\s+/g, ' ');
}

const people = [
  delegate('Aminata', 'Diallo', 'female', 'SN'),
  delegate('Moussa', 'Traoré', 'male', 'ML'),
  delegate('Awa', 'Ndiaye', 'female', 'SN'),
];

describe('the report PDF in the workshop’s language', () => {
  it('is in French for a French event when no language is chosen', async () => {
    const core = tempCore();
    const event = await workshop(core, ['fr', 'en'], people);
    const text = await reportText(core, { eventId: event.id });
    expect(text).toContain('Rapport de l’événement');
    expect(text).toContain('Méthode de calcul des chiffres');
    expect(text).toMatch(/Établi le \d+ \S+ \d{4} à \d\d:\d\d UTC/);
    expect(text).toContain('Participants uniques (présents) : 2');
    expect(text).toContain('Femmes (% des genres indiqués) : 50,0 %');
    expect(text).toContain('Nairobi, Kenya · 12 septembre 2023 – 14 septembre 2023 · 3 séances');
    expect(text).toContain('Inscrits 3 · Présents 2 · Absents 1');
    expect(text).toContain('Délégation d’un État partenaire 2');
    for (const chart of ['Présents par catégorie', 'Présents par genre', 'Présents par type d’organisation']) {
      expect(text).toContain(chart);
    }
    expect(text).toContain('Présents par pays (2)');
    expect(text).toContain('Sénégal');
    expect(text).toContain('Présence par séance (présents sur inscrits)');
    // Chart values in French notation, the percent sign after a space.
    expect(text).toContain('Nairobi Jour 1 (12 septembre 2023) 2 (67 %)');
    expect(text).toMatch(/Page 1 sur \d/);
    // The longest definition is printed whole: wrapped to the page, not cut off with an ellipsis.
    expect(text).toContain('celles en attente deux fois jusqu’à la décision de l’équipe.');
    expect(text).not.toContain('…');
    for (const english of ['Totals', 'Attendees by', 'Registered', 'Generated', 'Page 1 of']) {
      expect(text).not.toContain(english);
    }
  });

  it('is in Russian when Russian is chosen for an English event, with each number’s own form', async () => {
    const core = tempCore();
    const event = await workshop(
      core,
      ['en'],
      [delegate('Дилноза', 'Юсупова', 'female', 'UZ'), delegate('Азамат', 'Бекович', 'male', 'KG')],
    );
    const text = await reportText(core, { eventId: event.id }, 'ru');
    expect(text).toContain('Отчёт по мероприятию');
    expect(text).toContain('Итоги');
    expect(text).toContain('Уникальные участники (присутствовали): 1');
    // The city as typed, the country and the dates in Russian.
    expect(text).toContain('Nairobi, Кения · 12 сентября 2023 г. – 14 сентября 2023 г. · 3 заседания');
    expect(text).toContain('Присутствовавшие по странам (1)');
    expect(text).toContain('Узбекистан');
    expect(text).toContain('Делегат государства-партнёра');
    expect(text).toMatch(/Страница 1 из \d/);
    // The event was created in English: its sessions keep their English names.
    expect(text).toContain('Nairobi Day 1');
    expect(text).toContain('пока сотрудники не решат.');
    expect(text).not.toContain('…');
    expect(text).not.toContain('Attendees by');
  });

  it('prints long Russian lines whole: a long title and every category of a workshop, wrapped', async () => {
    const core = tempCore();
    const title =
      'Региональный практикум по противодействию финансированию терроризма для стран Центральной Азии и Южного Кавказа';
    // One attendee in each category, and one more registered who did not come.
    const everyone = [...categories, 'observer' as const].map((category, i) => ({
      ...delegate(`Имя${i}`, 'Фамилия', 'female', 'UZ'),
      category,
    }));
    const event = await workshop(core, ['ru'], everyone, title);
    const text = await reportText(core, { eventId: event.id });
    expect(text).toContain(title);
    expect(text).toContain(
      'Делегат государства-партнёра 1 · Посольство 1 · Частный сектор 1 · Международная организация 1 · ' +
        'Организация Объединённых Наций 1 · Гражданское общество / академические круги 1 · Докладчик / эксперт 1 · ' +
        'Организаторы / персонал 1 · Наблюдатель 1',
    );
    expect(text).not.toContain('…');
  });

  it('is English for a programme of French and Russian events unless a language is chosen', async () => {
    const core = tempCore();
    const paris = await workshop(core, ['fr'], people, 'Atelier de Paris');
    const almaty = await workshop(
      core,
      ['ru'],
      [delegate('Гульнара', 'Каримова', 'female', 'KZ'), delegate('Рустам', 'Алиев', 'male', 'TJ')],
      'Семинар в Алматы',
    );
    const programme = await ok(core, 'programme.create', { name: 'CT TECH', eventIds: [paris.id, almaty.id] });
    const english = await reportText(core, { programmeId: programme.id });
    expect(english).toContain('Programme report: CT TECH');
    expect(english).toContain('Unique participants (attended): 3');
    expect(english).toContain('Attendees by category');
    expect(english).toContain('Senegal');

    const french = await reportText(core, { programmeId: programme.id }, 'fr');
    expect(french).toContain('Rapport du programme : CT TECH');
    expect(french).toContain('Ateliers : 2');
    expect(french).toContain('Participants uniques (présents) : 3');
    expect(french).toContain('Par atelier');
    // Names people typed print as typed; the words around them are French.
    expect(french).toContain('Семинар в Алматы');
    expect(french).toContain('Nairobi День 1');

    const russian = await reportText(core, { programmeId: programme.id }, 'ru');
    expect(russian).toContain('Отчёт по программе: CT TECH');
    expect(russian).toContain('Семинары: 2');
    expect(russian).toContain('По семинарам');
    expect(russian).toContain('Сенегал');
    expect(russian).toContain('Nairobi Jour 1');
    expect(russian).not.toContain('Programme report');
  });

  it('is refused for the workbook, which stays English', async () => {
    const core = tempCore();
    const event = await workshop(core, ['fr'], people);
    const error = await refused(core, 'report.export', {
      jobId: randomUUID(),
      format: 'xlsx',
      eventId: event.id,
      language: 'fr',
    });
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain('The language applies to PDFs only');
  });
});
