import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badgeLayouts } from '../../../electron/core/badges/schema';
import { verifyBadge } from '../../../electron/core/badges/verify';
import { randomUUID } from 'node:crypto';
import { dispatch } from '../../../electron/core/api/dispatch';
import { generateRoster, loadRoster } from '../../fixtures/roster';
import { nairobi, ok, tempCore, tempDir } from '../helpers';
import { pdfPages, pdfText } from '../exports/readers';
import { attendedEvent, eventWithAnErasure, exported, type AttendedEvent } from '../exports/setup';

let attended: AttendedEvent;
beforeAll(async () => {
  attended = await attendedEvent(12);
}, 60_000);
afterAll(() => attended.close());

/** Every QR code on every page, as a real reader decodes the page printed at 300 dpi (poppler, then zbar). */
function scanQrCodes(bytes: Uint8Array): string[] {
  const dir = tempDir();
  const file = path.join(dir, 'badges.pdf');
  writeFileSync(file, bytes);
  execFileSync('pdftoppm', ['-r', '300', '-png', file, path.join(dir, 'page')], { timeout: 120_000 });
  const codes: string[] = [];
  for (const png of readdirSync(dir)
    .filter((f) => f.endsWith('.png'))
    .sort()) {
    // zbarimg exits 4 when a page has no code; the test then sees too few codes.
    try {
      const out = execFileSync('zbarimg', ['--raw', '-q', '-Sdisable', '-Sqrcode.enable', path.join(dir, png)], {
        encoding: 'utf8',
        timeout: 60_000,
      });
      codes.push(...out.split('\n').filter(Boolean));
    } catch (error) {
      if ((error as { status?: number }).status !== 4) throw error;
    }
  }
  return codes;
}

const names = ['Dženan Begić', 'Дилноза Юсупова', 'محمد العلي', '王小明'];

describe('badge PDFs', () => {
  it('print names in every script (Arabic in reading order), organisation, country, category in words and the short code', async () => {
    const { core, event, registrationIds } = attended;
    // The four named people of the fixture: Bosnian, Uzbek, Jordanian and Chinese.
    const chosen = [0, 1, 2, 5].map((i) => registrationIds[i]!);
    // The badge prints the badge name as staff set it: for a Chinese name, family name first and unspaced.
    const wang = core.ctx.db.prepare('SELECT participant_id FROM registrations WHERE id = ?').pluck().get(chosen[3]);
    await ok(core, 'participant.update', { id: String(wang), changes: { badgeName: '王小明' } });
    const { bytes, result } = await exported(core, {
      eventId: event.id,
      format: 'badges-pdf',
      layout: 'a4-8',
      registrationIds: chosen,
    });
    expect(result).toMatchObject({
      fileName: 'ct-tech-regional-workshop-east-africa-badges-a4-8.pdf',
      mediaType: 'application/pdf',
      rows: 4,
      pages: 1,
    });
    const text = pdfText(bytes);
    for (const name of names) expect(text, name).toContain(name);
    expect(text).toContain('Министерство внутренних дел');
    // pdftotext spells the lam-alef ligature out as two letters, so the organisation is checked word by word.
    for (const word of ['مديرية', 'العام']) expect(text).toContain(word);
    for (const country of ['Bosnia and Herzegovina', 'Uzbekistan', 'Jordan', 'China']) expect(text).toContain(country);
    expect(text.match(/Partner-state delegate/g)).toHaveLength(4);
    for (const id of chosen) {
      const { code } = await ok(core, 'badge.token', { registrationId: id });
      expect(text).toContain(code);
    }
  });

  it('names the country in the event’s first language', async () => {
    const { core, event, registrationIds } = attended;
    await ok(core, 'event.update', { id: event.id, changes: { languages: ['ru', 'en'] } });
    try {
      const { bytes } = await exported(core, {
        eventId: event.id,
        format: 'badges-pdf',
        layout: 'a6',
        registrationIds: [registrationIds[0]!],
      });
      expect(pdfText(bytes)).toContain('Босния и Герцеговина');
    } finally {
      await ok(core, 'event.update', { id: event.id, changes: { languages: ['en', 'fr'] } });
    }
  });

  for (const layout of badgeLayouts) {
    it(`${layout}: every QR is read by a real reader and verifies as its registration`, async () => {
      const { core, event, registrationIds } = attended;
      const chosen = layout === 'a4-8' ? registrationIds.slice(0, 10) : [registrationIds[2]!, registrationIds[5]!];
      const { bytes, result } = await exported(core, {
        eventId: event.id,
        format: 'badges-pdf',
        layout,
        registrationIds: chosen,
      });
      const perPage = layout === 'a4-8' ? 8 : 1;
      expect(pdfPages(bytes)).toBe(Math.ceil(chosen.length / perPage));
      expect(result.pages).toBe(Math.ceil(chosen.length / perPage));
      const scanned = scanQrCodes(bytes);
      expect(scanned).toHaveLength(chosen.length);
      const verified = scanned.map((token) => verifyBadge(core.ctx.db, event.id, token).id);
      expect(new Set(verified)).toEqual(new Set(chosen));
      // Only opaque ids in the code, no name.
      for (const token of scanned) expect(token).toMatch(/^M1\.[A-Za-z0-9_-]+$/);
    }, 120_000);
  }

  it('prints every registration not cancelled when none is chosen', async () => {
    const { core, event, people } = attended;
    const { result } = await exported(core, { eventId: event.id, format: 'badges-pdf', layout: 'a4-8' });
    const expected = people.filter((p) => p.status !== 'cancelled').length;
    expect(result.rows).toBe(expected);
    expect(result.pages).toBe(Math.ceil(expected / 8));
  });

  it('runs as an export job: progress while it draws, and cancel stops it without a file', async () => {
    const core = tempCore();
    const event = await ok(core, 'event.create', nairobi);
    loadRoster(core.ctx, event.id, generateRoster(3000, 8));
    const jobId = randomUUID();
    const running = dispatch(core.ctx, 'export.run', { jobId, eventId: event.id, format: 'badges-pdf', layout: 'a6' });
    let status = await ok(core, 'export.status', { jobId });
    while (status.phase === 'reading' || (status.phase === 'rendering' && status.done === 0)) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      status = await ok(core, 'export.status', { jobId });
    }
    expect(status.phase).toBe('rendering');
    expect(status.total).toBeGreaterThan(2000);
    await ok(core, 'export.cancel', { jobId });
    const result = await running;
    expect(!result.ok && result.error.code).toBe('cancelled');
  }, 60_000);

  it('refuses a registration of another event', async () => {
    const { core, event } = attended;
    const other = await ok(core, 'event.create', { ...nairobi, title: 'Elsewhere' });
    const stranger = await ok(core, 'participant.create', {
      eventId: other.id,
      familyName: 'Kamau',
      gender: 'male',
      country: 'KE',
      organisation: 'DCI',
      organisationType: 'law_enforcement',
      category: 'observer',
    });
    const result = await dispatch(core.ctx, 'export.run', {
      jobId: randomUUID(),
      eventId: event.id,
      format: 'badges-pdf',
      registrationIds: [stranger.registration.id],
    });
    expect(!result.ok && result.error.code).toBe('not_found');
  });

  it('prints no badge for a person whose data was erased, and refuses to reprint theirs', async () => {
    const { core, event, erasedRegistrationId } = await eventWithAnErasure();
    const { bytes, result } = await exported(core, { eventId: event.id, format: 'badges-pdf', layout: 'a6' });
    // One badge, Amina's: not a second, blank card whose QR code would still check the erased person in.
    expect(result.rows).toBe(1);
    expect(pdfPages(bytes)).toBe(1);
    expect(pdfText(bytes)).toContain('Amina Otieno');
    const reprint = await dispatch(core.ctx, 'export.run', {
      jobId: randomUUID(),
      eventId: event.id,
      format: 'badges-pdf',
      registrationIds: [erasedRegistrationId],
    });
    expect(!reprint.ok && reprint.error.code).toBe('conflict');
  });
});
