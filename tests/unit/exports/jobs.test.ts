import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/core/api/dispatch';
import { generateRoster, loadRoster } from '../../fixtures/roster';
import { nairobi, ok, refused, tempCore } from '../helpers';

describe('export jobs', () => {
  it('report progress, and stop when cancelled without making a file', async () => {
    const core = tempCore();
    const event = await ok(core, 'event.create', nairobi);
    loadRoster(core.ctx, event.id, generateRoster(3000, 8));
    const jobId = randomUUID();
    const running = dispatch(core.ctx, 'export.run', { jobId, eventId: event.id, format: 'signin-pdf' });
    let status = await ok(core, 'export.status', { jobId });
    while (status.phase === 'reading' || (status.phase === 'rendering' && status.done === 0)) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      status = await ok(core, 'export.status', { jobId });
    }
    expect(status).toMatchObject({ phase: 'rendering' });
    expect(status.total).toBeGreaterThan(0);
    await ok(core, 'export.cancel', { jobId });
    const result = await running;
    expect(!result.ok && result.error.code).toBe('cancelled');
    expect(await ok(core, 'export.status', { jobId })).toMatchObject({ phase: 'cancelled' });
  }, 60_000);

  it('finish with the file and a status of done', async () => {
    const core = tempCore();
    const event = await ok(core, 'event.create', nairobi);
    const jobId = randomUUID();
    const result = await ok(core, 'export.run', { jobId, eventId: event.id, format: 'summary-pdf' });
    expect(Buffer.from(result.data, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(result.bytes).toBe(Buffer.from(result.data, 'base64').length);
    expect(await ok(core, 'export.status', { jobId })).toMatchObject({ phase: 'done', error: null });
  });

  it('refuse a session of another event, an unknown event, and a field chosen twice', async () => {
    const core = tempCore();
    const event = await ok(core, 'event.create', nairobi);
    const other = await ok(core, 'event.create', { ...nairobi, title: 'Other' });
    const base = { jobId: randomUUID(), eventId: event.id, format: 'signin-pdf' };
    expect((await refused(core, 'export.run', { ...base, sessionId: other.sessions[0]!.id })).issues?.[0]?.key).toBe(
      'sessionNotInEvent',
    );
    expect((await refused(core, 'export.run', { ...base, eventId: randomUUID() })).code).toBe('not_found');
    expect(
      (await refused(core, 'export.run', { ...base, format: 'csv', fields: ['email', 'email'] })).issues?.[0]?.key,
    ).toBe('fieldRepeated');
    expect((await refused(core, 'export.status', { jobId: randomUUID() })).code).toBe('not_found');
  });

  it('name the file after the event in its own script', async () => {
    const core = tempCore();
    const names: [string, string][] = [
      [
        'Семинар по безопасности границ: Ташкент, район',
        'семинар-по-безопасности-границ-ташкент-район-attendance.xlsx',
      ],
      ['ورشة عمل: أمن الحدود', 'ورشة-عمل-أمن-الحدود-attendance.xlsx'],
      ['สัมมนา กรุงเทพฯ 2023', 'สัมมนา-กรุงเทพฯ-2023-attendance.xlsx'],
      ['Radionica Sarajevo — Begić, Łódź', 'radionica-sarajevo-begic-łodz-attendance.xlsx'],
      ['???', 'event-attendance.xlsx'],
    ];
    for (const [title, fileName] of names) {
      const event = await ok(core, 'event.create', { ...nairobi, title });
      const result = await ok(core, 'export.run', { jobId: randomUUID(), eventId: event.id, format: 'xlsx' });
      expect(result.fileName).toBe(fileName);
    }
  });
});
