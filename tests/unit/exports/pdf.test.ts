import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { displayName } from '../../../electron/core/exports/columns';
import { attendedEvent, eventWithAnErasure, exported, type AttendedEvent } from './setup';
import { pdfImages, pdfPages, pdfText } from './readers';

let attended: AttendedEvent;
beforeAll(async () => {
  attended = await attendedEvent(60);
}, 60_000);
afterAll(() => attended.close());

describe('sign-in sheets', () => {
  it('print every expected person by name, whatever the script, Arabic in reading order', async () => {
    const { core, event, people } = attended;
    const { bytes, result } = await exported(core, { eventId: event.id, format: 'signin-pdf' });
    expect(result).toMatchObject({
      fileName: 'ct-tech-regional-workshop-east-africa-signin-sheets.pdf',
      mediaType: 'application/pdf',
    });
    const text = pdfText(bytes);
    for (const name of ['Dženan Begić', 'Дилноза Юсупова', 'محمد العلي', 'Nguyễn Thị Lan', 'สมชาย ใจดี', '王小明']) {
      expect(text, name).toContain(name);
    }
    expect(text).toContain('Министерство внутренних дел');
    // Each of the generated people too (Latin with accents, Cyrillic, Arabic, Thai, Chinese among them).
    for (const person of people.filter((p) => p.status !== 'cancelled')) {
      expect(text, displayName(person)).toContain(displayName(person));
    }
  });

  it('carry the event, venue, date and session on every page, numbered rows, totals and page numbers', async () => {
    const { core, event, people } = attended;
    const day1 = event.sessions[0]!;
    const { bytes, result } = await exported(core, { eventId: event.id, format: 'signin-pdf', sessionId: day1.id });
    expect(result.fileName).toBe('ct-tech-regional-workshop-east-africa-signin-day-1-2023-09-12.pdf');
    const pages = pdfPages(bytes);
    expect(result.pages).toBe(pages);
    const expected = people.filter((p) => p.status !== 'cancelled').length;
    expect(pages).toBe(Math.ceil(expected / 14));
    const text = pdfText(bytes, ['-layout']);
    // pdftotext starts each page after the first with a form feed.
    expect(text.match(/^\f?CT TECH regional workshop: East Africa\s*$/gm)).toHaveLength(pages);
    expect(text.match(/UN Gigiri complex, Nairobi, Kenya/g)).toHaveLength(pages);
    expect(text.match(/Day 1 · Tuesday,? 12 September 2023 · 09:00–17:00/g)).toHaveLength(pages);
    for (let page = 1; page <= pages; page++) expect(text).toContain(`Page ${page} of ${pages}`);
    const numbers = [...text.matchAll(/^\s+(\d+)\s{2,}\S/gm)].map((m) => Number(m[1]));
    expect(numbers).toEqual(Array.from({ length: expected }, (_, i) => i + 1));
    const present = attended.attended[0]!.size;
    expect(text).toMatch(
      new RegExp(
        `Total: ${expected} expected · ${present} checked in \\(\\d+ women\\) · ${expected - present} not checked in`,
      ),
    );
    // No signatures are captured yet (issue 5): every row has an empty box to sign on paper.
    expect(pdfImages(bytes)).toBe(0);
    // Those checked in (at 09:45 Nairobi time) are marked in a corner of their box; the others' boxes stay blank.
    expect(text.match(/Checked in 09:45/g)).toHaveLength(present);
    // Begić checked in: the note sits at the foot of his box, the line pdftotext reads after his row.
    const lines = text.split('\n');
    const begić = lines.findIndex((line) => line.includes('Dženan Begić'));
    expect(lines[begić + 1]).toMatch(/^\s{100,}Checked in 09:45\s*$/);
  });

  it('gives every session its own pages', async () => {
    const { core, event } = attended;
    const all = await exported(core, { eventId: event.id, format: 'signin-pdf' });
    const one = await exported(core, { eventId: event.id, format: 'signin-pdf', sessionId: event.sessions[0]!.id });
    expect(all.result.pages).toBe(one.result.pages! * event.sessions.length);
    const text = pdfText(all.bytes);
    for (const session of ['Day 1', 'Day 2', 'Day 3']) expect(text).toContain(`${session} · `);
  });
});

describe('the summary PDF', () => {
  it('states the event, the totals, % women, and charts by gender, category, type, country and session', async () => {
    const { core, event, people } = attended;
    const { bytes, result } = await exported(core, { eventId: event.id, format: 'summary-pdf' });
    expect(result.fileName).toBe('ct-tech-regional-workshop-east-africa-summary.pdf');
    const text = pdfText(bytes);
    const active = people.filter((p) => p.status !== 'cancelled');
    const present = new Set([...attended.attended[0]!, ...attended.attended[1]!]);
    const women = [...present].filter((i) => people[i]!.gender === 'female').length;
    expect(text).toContain('Attendance summary');
    expect(text).toContain('CT TECH regional workshop: East Africa');
    expect(text).toContain('UN Gigiri complex, Nairobi, Kenya');
    expect(text).toContain(`${women} of the ${present.size} people who attended are women`);
    const stated = [...present].filter((i) => people[i]!.gender !== 'not_stated').length;
    expect(text).toContain(`${Math.round((100 * women) / stated)}%`);
    for (const heading of [
      'Gender',
      'Category',
      'Organisation type',
      'Countries represented',
      'Attendance per session',
    ]) {
      expect(text).toContain(heading);
    }
    for (const label of [
      'Female',
      'Male',
      'Partner-state delegate',
      'Government',
      'Uzbekistan',
      'Day 1 (2023-09-12)',
    ]) {
      expect(text).toContain(label);
    }
    expect(text).toContain(
      `${attended.attended[0]!.size} (${Math.round((100 * attended.attended[0]!.size) / active.length)}%)`,
    );
  });
});

describe('after an erasure', () => {
  it('leaves no line for the erased person on the sign-in sheet, and the summary still counts them', async () => {
    const { core, event } = await eventWithAnErasure();
    const sheet = await exported(core, { eventId: event.id, format: 'signin-pdf', sessionId: event.sessions[0]!.id });
    const text = pdfText(sheet.bytes, ['-layout']);
    expect(text).toContain('Amina Otieno');
    // No second numbered line (an empty row with a box anyone could sign), but the totals count the erased person
    // and say so: the summary counts them too, and a donor comparing the two must find the same numbers.
    expect([...text.matchAll(/^\s+(\d+)\s{2,}\S/gm)].map((m) => m[1])).toEqual(['1']);
    expect(text).toContain('Total: 2 expected · 2 checked in (2 women) · 0 not checked in');
    expect(text).toContain('Including 1 person whose personal data was erased at their request (not listed).');
    expect(text).not.toContain('Zarina');
    const summary = pdfText((await exported(core, { eventId: event.id, format: 'summary-pdf' })).bytes);
    expect(summary).toContain('2 of the 2 people who attended are women');
    expect(summary).toContain('Uzbekistan');
  });
});
