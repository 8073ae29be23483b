import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/context';
import type { Language } from '../../../electron/core/events/schema';
import { ok, refused } from '../helpers';
import { pdfText } from './readers';
import { exported, workshop } from './setup';

const delegate = { organisationType: 'government', category: 'partner_state_delegate' } as const;

async function sheet(core: Core, eventId: string, sessionId: string, language?: Language): Promise<string> {
  const { bytes } = await exported(core, {
    eventId,
    format: 'signin-pdf',
    sessionId,
    ...(language ? { language } : {}),
  });
  return pdfText(bytes).replace(/\s+/g, ' ');
}

const person = (givenNames: string, familyName: string, gender: 'female' | 'male', country: string, present = false) =>
  ({
    ...delegate,
    givenNames,
    familyName,
    gender,
    country,
    organisation: 'Ministère de l’Intérieur',
    present,
  }) as const;

describe('sign-in sheets in the workshop’s language', () => {
  it('are in French for a French event: headings, date, totals in the singular, page numbers', async () => {
    const { core, event } = await workshop(
      ['fr'],
      [person('Aminata', 'Diallo', 'female', 'SN', true), person('Moussa', 'Traoré', 'male', 'ML')],
    );
    const text = await sheet(core, event.id, event.sessions[0]!.id);
    for (const heading of ['N°', 'Nom', 'Organisation', 'Pays', 'Signature']) expect(text).toContain(heading);
    expect(text).not.toMatch(/\bName\b|\bCountry\b/);
    expect(text).toContain('mardi 12 septembre 2023');
    expect(text).toContain('Sénégal');
    expect(text).toMatch(/Arrivée à \d\d:\d\d/);
    expect(text).toContain('Total : 2 personnes attendues · 1 arrivée enregistrée (dont 1 femme) · 1 personne absente');
    expect(text).toContain('Page 1 sur 1');
    expect(text).toMatch(/imprimé le \d+ \S+ \d{4}/);
  });

  it('are in Russian with each number’s own form and Russian country names', async () => {
    const { core, event } = await workshop(
      ['ru', 'en'],
      [
        person('Дилноза', 'Юсупова', 'female', 'UZ', true),
        person('Гульнара', 'Каримова', 'female', 'KZ', true),
        person('Азамат', 'Бекович', 'male', 'KG', true),
        person('Рустам', 'Алиев', 'male', 'TJ'),
        person('Тимур', 'Назаров', 'male', 'TM'),
      ],
    );
    const text = await sheet(core, event.id, event.sessions[0]!.id);
    expect(text).toContain('Итого: в списке 5 участников · отметились 3 (из них 2 женщины) · не отметились 2');
    for (const country of ['Узбекистан', 'Казахстан', 'Киргизия', 'Таджикистан', 'Туркмения']) {
      expect(text, country).toContain(country);
    }
    expect(text).toContain('вторник, 12 сентября 2023');
    expect(text).toContain('Страница 1 из 1');
    // The event's second language is English: headings in both, Russian first.
    for (const heading of ['Имя / Name', 'Страна / Country', 'Подпись / Signature']) expect(text).toContain(heading);
  });

  it('show both languages in the headings of a bilingual event, the chosen one first', async () => {
    const { core, event } = await workshop(['en', 'ru'], [person('Dilnoza', 'Yusupova', 'female', 'UZ', true)]);
    const english = await sheet(core, event.id, event.sessions[0]!.id);
    for (const heading of ['Name / Имя', 'Organisation / Организация', 'Country / Страна', 'Signature / Подпись']) {
      expect(english).toContain(heading);
    }
    // Words that are not headings stay in the document's one language.
    expect(english).toContain('Total: 1 expected · 1 checked in (1 woman) · 0 not checked in');
    expect(english).toContain('Uzbekistan');
    const russian = await sheet(core, event.id, event.sessions[0]!.id, 'ru');
    expect(russian).toContain('Подпись / Signature');
    expect(russian).toContain('Итого: в списке 1 участник · отметился 1 (из них 1 женщина) · не отметились 0');
  });

  it('read right to left in Arabic, paragraphs aligned right', async () => {
    const { core, event } = await workshop(['ar', 'en'], [person('Layla', 'Haddad', 'female', 'EG', true)]);
    const { bytes } = await exported(core, {
      eventId: event.id,
      format: 'signin-pdf',
      sessionId: event.sessions[0]!.id,
    });
    // pdftotext marks embedded left-to-right runs with bidi controls: leave them out to read the words.
    const text = pdfText(bytes)
      .replace(/[\u202a-\u202e]/g, '')
      .replace(/\s+/g, ' ');
    for (const words of [
      'التوقيع',
      'البلد',
      'الجهة',
      'مصر',
      'المجموع',
      'شخص واحد متوقع',
      'منهم امرأة واحدة',
      'الصفحة',
    ]) {
      expect(text, words).toContain(words);
    }
    // Punctuation among Arabic words is drawn (in Noto Sans: the Arabic face has no "/", "·" or "–"), not left out.
    expect(text).toMatch(/09:00–17:00|17:00–09:00/);
    expect(text).toMatch(/التوقيع \/|\/ التوقيع/);
    // The event's title (Latin) is set right to left too: it ends at the right margin, like the Arabic lines.
    const layout = pdfText(bytes, ['-layout']).split('\n');
    const title = layout.find((line) => line.includes('CT TECH regional workshop'));
    expect(title?.search(/\S/)).toBeGreaterThan(60);
  });

  it('count erased people in the totals in the sheet’s language', async () => {
    const { core, event } = await workshop(['ru'], [person('Дилноза', 'Юсупова', 'female', 'UZ', true)]);
    const gone = await ok(core, 'participant.create', {
      eventId: event.id,
      ...delegate,
      givenNames: 'Зарина',
      familyName: 'Эрасова',
      gender: 'female',
      country: 'UZ',
      organisation: 'МВД',
    });
    await ok(core, 'person.erase', { participantId: gone.participant.id });
    const text = await sheet(core, event.id, event.sessions[0]!.id);
    expect(text).toContain('Итого: в списке 2 участника · отметился 1 (из них 1 женщина) · не отметился 1');
    expect(text).toContain(
      'В том числе 1 человек, чьи персональные данные удалены по его просьбе (в списке не указан).',
    );
    expect(text).not.toContain('Зарина');
  });
});

describe('the summary and badges in the workshop’s language', () => {
  it('give a Spanish summary: headlines, chart titles, category, gender, organisation type and country names', async () => {
    const { core, event } = await workshop(
      ['en', 'es'],
      [person('Ana', 'Pérez', 'female', 'MX', true), person('Luis', 'Gómez', 'male', 'KE')],
    );
    const { bytes } = await exported(core, { eventId: event.id, format: 'summary-pdf', language: 'es' });
    const text = pdfText(bytes).replace(/\s+/g, ' ');
    for (const words of [
      'Resumen de asistencia',
      'Inscritos',
      'Asistentes',
      'Mujeres',
      'Países',
      'martes, 12 de septiembre de 2023',
      '3 sesiones',
      'De la 1 persona que asistió, 1 es mujer; 1 de las 2 inscritas.',
      'Género (asistentes sobre inscritos)',
      'Categoría',
      'Tipo de organización',
      'Países representados (1)',
      'Asistencia por sesión',
      'Mujer',
      'Hombre',
      'Delegación de un Estado asociado',
      'Ministerio / gobierno',
      'México',
      'Kenia',
      'Página 1 de 1',
    ]) {
      expect(text, words).toContain(words);
    }
    expect(text).not.toContain('Attendance summary');
  });

  it('print a Russian badge’s category and country in Russian', async () => {
    const { core, event } = await workshop(['ru'], [person('Дилноза', 'Юсупова', 'female', 'UZ')]);
    const { bytes } = await exported(core, { eventId: event.id, format: 'badges-pdf', layout: 'a6' });
    const text = pdfText(bytes).replace(/\s+/g, ' ');
    expect(text).toContain('Дилноза Юсупова');
    expect(text).toContain('Узбекистан');
    expect(text).toContain('Делегат государства-партнёра');
    // Asked for in English, the same badge says it in English.
    const english = await exported(core, { eventId: event.id, format: 'badges-pdf', layout: 'a6', language: 'en' });
    expect(pdfText(english.bytes)).toContain('Partner-state delegate');
  });

  it('refuse a language for CSV and XLSX, which stay English', async () => {
    const { core, event } = await workshop(['fr'], [person('Aminata', 'Diallo', 'female', 'SN')]);
    for (const format of ['csv', 'xlsx'] as const) {
      const error = await refused(core, 'export.run', {
        jobId: randomUUID(),
        eventId: event.id,
        format,
        language: 'fr',
      });
      expect(error).toMatchObject({
        code: 'invalid_input',
        issues: [{ path: ['language'], key: 'languageOnlyForPdf' }],
      });
    }
    // Without one, the CSV of a French event has its English headers.
    const { bytes } = await exported(core, { eventId: event.id, format: 'csv' });
    expect(bytes.toString('utf8')).toContain('"Family name"');
  });
});
