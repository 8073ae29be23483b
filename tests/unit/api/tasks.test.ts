import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { dispatch } from '../../../electron/core/api/dispatch';
import { commandLineCaller } from '../../../electron/core/access/session';
import { conflict } from '../../../electron/core/api/errors';
import type { Handlers } from '../../../electron/core/api/handler';
import { handlers } from '../../../electron/core/handlers';
import { changeCount, nairobi, ok, tempCore } from '../helpers';

/** A task handler that waits until told to go on, so a test can act while it is under way. */
function gate() {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

/** What a finished CSV export answers: enough for the output schema to check. */
const csvAnswer = (jobId: string) => ({
  jobId,
  fileName: 'x.csv',
  mediaType: 'text/csv',
  data: '',
  bytes: 0,
  rows: 0,
  pages: null,
});

describe('dispatch of tasks (long work answered with a promise)', () => {
  it('awaits the task and validates its answer like any other', async () => {
    const core = tempCore();
    const { open, opened } = gate();
    const slow: Handlers = {
      ...handlers,
      'export.run': async (_ctx, input) => {
        await opened;
        return csvAnswer(input.jobId);
      },
    };
    const event = await ok(core, 'event.create', nairobi);
    const running = dispatch(
      core.ctx,
      'export.run',
      { jobId: randomUUID(), eventId: event.id, format: 'csv' },
      commandLineCaller(),
      slow,
    );
    open();
    expect(await running).toMatchObject({ ok: true, value: { fileName: 'x.csv' } });
  });

  it('holds no transaction while it waits: other calls, mutations included, run and commit meanwhile', async () => {
    const core = tempCore();
    const { open, opened } = gate();
    let inTransaction: boolean | undefined;
    const slow: Handlers = {
      ...handlers,
      'export.run': async (ctx, input) => {
        inTransaction = ctx.db.inTransaction;
        await opened;
        return csvAnswer(input.jobId);
      },
    };
    const event = await ok(core, 'event.create', nairobi);
    const running = dispatch(
      core.ctx,
      'export.run',
      { jobId: randomUUID(), eventId: event.id, format: 'csv' },
      commandLineCaller(),
      slow,
    );
    const before = changeCount(core);
    const renamed = await dispatch(
      core.ctx,
      'event.update',
      { id: event.id, changes: { title: 'Renamed' } },
      commandLineCaller(),
      slow,
    );
    expect(renamed.ok).toBe(true);
    expect(changeCount(core)).toBe(before + 1);
    expect(inTransaction).toBe(false);
    open();
    expect((await running).ok).toBe(true);
  });

  it('turns a refusal into its code and anything else into internal, without a stack', async () => {
    const core = tempCore();
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const event = await ok(core, 'event.create', nairobi);
    const input = { jobId: randomUUID(), eventId: event.id, format: 'csv' };
    const refusing: Handlers = { ...handlers, 'export.run': () => Promise.reject(conflict('Busy.')) };
    expect(await dispatch(core.ctx, 'export.run', input, commandLineCaller(), refusing)).toEqual({
      ok: false,
      error: { code: 'conflict', message: 'Busy.' },
    });
    const crashing: Handlers = { ...handlers, 'export.run': () => Promise.reject(new Error('at /secret/path')) };
    const result = await dispatch(core.ctx, 'export.run', input, commandLineCaller(), crashing);
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toContain('secret');
    log.mockRestore();
  });
});
