import { describe, expect, it, vi } from 'vitest';
import { contract, methodNames } from '../../../electron/core/api/contract';
import { dispatch } from '../../../electron/core/api/dispatch';
import { commandLineCaller } from '../../../electron/core/access/session';
import type { Handlers } from '../../../electron/core/api/handler';
import { handlers } from '../../../electron/core/handlers';
import { changeCount, nairobi, ok, tempCore } from '../helpers';

describe('dispatch', () => {
  it('has a handler for every contract method and no handler without one', () => {
    expect(Object.keys(handlers).sort()).toEqual([...methodNames].sort());
  });

  it('answers an unknown or non-string method with unknown_method', async () => {
    const core = tempCore();
    expect(await dispatch(core.ctx, 'event.drop', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(await dispatch(core.ctx, 42, {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(await dispatch(core.ctx, '__proto__', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(await dispatch(core.ctx, 'toString', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  });

  it('turns an unexpected failure into internal without leaking its message or stack', async () => {
    const core = tempCore();
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const broken: Handlers = {
      ...handlers,
      'event.list': () => {
        throw new Error('SQLITE_CORRUPT at /home/staff/secret/path');
      },
    };
    const result = await dispatch(core.ctx, 'event.list', {}, commandLineCaller(), broken);
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: expect.stringMatching(/event\.list/) } });
    expect(JSON.stringify(result)).not.toMatch(/secret|SQLITE|at /);
    expect(log).toHaveBeenCalled();
    log.mockRestore();
  });

  it('rolls a mutation back whole when its handler fails half way', async () => {
    const core = tempCore();
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const halfway: Handlers = {
      ...handlers,
      'event.create': (ctx, input) => {
        handlers['event.create'](ctx, input);
        throw new Error('the power went');
      },
    };
    expect((await dispatch(core.ctx, 'event.create', nairobi, commandLineCaller(), halfway)).ok).toBe(false);
    expect(await ok(core, 'event.list', {})).toEqual([]);
    expect(changeCount(core)).toBe(0);
    log.mockRestore();
  });

  it('checks what goes out too: a handler returning the wrong shape is an internal error', async () => {
    const core = tempCore();
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const sloppy = { ...handlers, 'system.ping': () => ({ ok: 'yes' }) } as unknown as Handlers;
    expect(await dispatch(core.ctx, 'system.ping', {}, commandLineCaller(), sloppy)).toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });
    log.mockRestore();
  });

  it('strips fields a handler returns beyond the contract', async () => {
    const core = tempCore();
    const chatty = { ...handlers, 'system.ping': () => ({ ok: true, password: 'hunter2' }) } as unknown as Handlers;
    expect(await dispatch(core.ctx, 'system.ping', {}, commandLineCaller(), chatty)).toEqual({
      ok: true,
      value: { ok: true },
    });
  });

  it('treats a missing input as an empty object', async () => {
    const core = tempCore();
    expect(await dispatch(core.ctx, 'event.list', undefined)).toEqual({ ok: true, value: [] });
  });

  it('marks every method as a query, a mutation or a task', () => {
    for (const name of methodNames) expect(['query', 'mutation', 'task']).toContain(contract[name].kind);
  });
});
