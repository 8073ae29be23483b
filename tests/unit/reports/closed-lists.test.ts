import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Output } from '../../../electron/core/api/contract';
import { write } from '../../../electron/core/changes/write';
import { writeTransaction } from '../../../electron/core/db/transaction';
import { rosterTable } from '../../../electron/core/exports/columns';
import { readExportData } from '../../../electron/core/exports/data';
import { fontsFolder } from '../../../electron/core/exports/pdf/fonts';
import { renderSummary } from '../../../electron/core/exports/pdf/summary';
import { summarise, type Count } from '../../../electron/core/exports/summary';
import { registrationEntity } from '../../../electron/core/participants/store';
import { pdfText } from '../exports/readers';
import { nairobi, ok, tempCore } from '../helpers';

const sum = (values: Iterable<number>) => [...values].reduce((a, b) => a + b, 0);
const row = (counts: readonly Count[], key: string) => counts.find((c) => c.key === key);

/**
 * Two attendees at a workshop that is also a one-event programme; a kiosk on a newer Muster recorded the second one's
 * registration with a category and an organisation type this version does not know, and sync brought them here.
 */
async function newerValues() {
  const core = tempCore();
  const event = await ok(core, 'event.create', nairobi);
  const programme = await ok(core, 'programme.create', { name: 'CT TECH', eventIds: [event.id] });
  const session = event.sessions[0]!;
  const people: Output<'participant.create'>[] = [];
  for (const familyName of ['Otieno', 'Kamau']) {
    people.push(
      await ok(core, 'participant.create', {
        eventId: event.id,
        familyName,
        gender: 'female',
        country: 'KE',
        organisation: 'National Police Service',
        organisationType: 'law_enforcement',
        category: 'partner_state_delegate',
        checkIn: { id: randomUUID(), sessionId: session.id },
      }),
    );
  }
  writeTransaction(core.ctx.db, () =>
    write(core.ctx, registrationEntity, people[1]!.registration.id, {
      category: 'parliamentarian',
      organisation_type: 'parliament',
    }),
  );
  return { core, event, programme, session };
}

describe('a category or organisation type a newer replica introduced', () => {
  it('counts under "Other" in the report, the programme report and the dashboard, so the rows add up', async () => {
    const { core, event, programme, session } = await newerValues();

    for (const scope of [{ eventId: event.id }, { programmeId: programme.id }]) {
      const report = await ok(core, 'report.get', scope);
      expect(report.totals.byCategory).toMatchObject({ partner_state_delegate: 1, other: 1 });
      expect(sum(Object.values(report.totals.byCategory))).toBe(report.totals.uniqueParticipants);
      expect(report.totals.byOrganisationType).toMatchObject({ law_enforcement: 1, other: 1 });
      expect(sum(Object.values(report.totals.byOrganisationType))).toBe(report.totals.uniqueParticipants);
      const workshop = report.workshops[0]!;
      expect(workshop.byCategory).toMatchObject({ partner_state_delegate: 1, other: 1 });
      expect(sum(Object.values(workshop.byCategory))).toBe(workshop.attended);
      // Neither a partner-state delegate nor staff, whatever the newer version calls it.
      expect(workshop.otherParticipants).toBe(1);
    }

    const board = await ok(core, 'dashboard.get', { sessionId: session.id });
    expect(board.byCategory.other).toEqual({ expected: 1, checkedIn: 1 });
    expect(sum(Object.values(board.byCategory).map((p) => p.checkedIn))).toBe(board.checkedIn);
    expect(board.byOrganisationType.other).toEqual({ expected: 1, checkedIn: 1 });
  });

  it('counts under "Other" in the event summary, labelled in the XLSX rows, the PDF chart and the lists', async () => {
    const { core, event } = await newerValues();
    const data = readExportData(core.ctx, event.id, { includeCancelled: false, signatures: false });
    const summary = summarise(data);

    expect(row(summary.byCategory, 'other')).toEqual({ key: 'other', label: 'Other', registered: 1, attended: 1 });
    expect(row(summary.byCategory, 'parliamentarian')).toBeUndefined();
    expect(sum(summary.byCategory.map((c) => c.attended))).toBe(summary.attended);
    expect(row(summary.byOrganisationType, 'other')).toMatchObject({ label: 'Other', registered: 1, attended: 1 });
    expect(row(summary.byOrganisationType, 'parliament')).toBeUndefined();
    expect(sum(summary.byOrganisationType.map((c) => c.registered))).toBe(summary.registered);
    for (const count of [...summary.byGender, ...summary.byCategory, ...summary.byOrganisationType]) {
      expect(count.label).toEqual(expect.any(String));
    }

    // The participants list (CSV and XLSX) names the same bucket instead of leaving the cells blank.
    const list = rosterTable(data, ['familyName', 'category', 'organisationType']);
    expect(list.rows.map((r) => r.slice(0, 3))).toEqual([
      ['Kamau', 'Other', 'Other'],
      ['Otieno', 'Partner-state delegate', 'Law enforcement'],
    ]);

    const { bytes } = await renderSummary(data, fontsFolder(), 'en', () => {});
    const text = pdfText(bytes);
    const category = text.slice(text.indexOf('Category'), text.indexOf('Organisation type'));
    expect(category).toContain('Other');
    expect(text).not.toContain('parliament');
  });
});
