import { randomUUID } from 'node:crypto';
import { renameSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Input } from '../../../electron/core/api/contract';
import { dispatch } from '../../../electron/core/api/dispatch';
import { openCore } from '../../../electron/core/context';
import { scheduleBackups } from '../../../electron/core/backups/schedule';
import { writeTransaction } from '../../../electron/core/db/transaction';
import { scheduleRetention } from '../../../electron/core/erasure/schedule';
import { startHubLoop } from '../../../electron/core/sync/hub-loop';
import { generateRoster } from '../../fixtures/roster';
import { changeCount, nairobi, ok, refused, tempDir } from '../helpers';
import { encode, previewed, rosterCsv } from './files';
import { follow, largePreview, people, whileSaving } from './under-way';

const walkIn = (eventId: string): Input<'participant.create'> => ({
  eventId,
  givenNames: 'Walk',
  familyName: 'In',
  gender: 'female',
  country: 'KE',
  organisation: 'Kenya Police Service',
  organisationType: 'law_enforcement',
  category: 'partner_state_delegate',
});

describe('saving a large import', () => {
  it('keeps answering while it saves: progress moves, lists show only what is committed, writes wait their turn', async () => {
    const { core, eventId, jobId } = await largePreview();
    const committing = dispatch(core.ctx, 'import.commit', { jobId, onDuplicate: 'add' });
    const during = await follow(core, jobId, (s) => s.phase === 'saving' && s.done > 0);
    // The main process answered a status poll while the worker was writing, and the list reads what is committed.
    expect((await ok(core, 'roster.list', { eventId })).total).toBe(0);
    // A walk-in registered meanwhile waits for the import, then is saved after it.
    const registering = dispatch(core.ctx, 'participant.create', walkIn(eventId));
    const after = await follow(core, jobId, (s) => s.phase !== 'saving');
    const report = await committing;
    expect(report).toMatchObject({ ok: true, value: { counts: { added: people } } });
    expect(await registering).toMatchObject({ ok: true });
    const progress = [...during, ...after].filter((s) => s.phase === 'saving').map((s) => s.done);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect((await ok(core, 'roster.list', { eventId })).total).toBe(people + 1);
    // The walk-in's change sorts after every change of the import: the worker's clock and this one agree.
    const order = core.ctx.db
      .prepare("SELECT hlc FROM changes WHERE entity = 'participant' ORDER BY seq")
      .pluck()
      .all() as string[];
    expect(order).toEqual([...order].sort());
    // Written with the import, in its transaction: one audit entry saying how many were added.
    const entries = core.ctx.db.prepare("SELECT counts FROM audit WHERE action = 'import.commit'").pluck().all();
    expect(entries).toHaveLength(1);
    expect(JSON.parse(entries[0] as string)).toMatchObject({ added: people });
  }, 60_000);

  it('stops when cancelled while saving, writes nothing, and the same import can be saved again', async () => {
    const { core, eventId, jobId } = await largePreview();
    const before = changeCount(core);
    const committing = dispatch(core.ctx, 'import.commit', { jobId, onDuplicate: 'add' });
    await follow(core, jobId, (s) => s.phase === 'saving' && s.done > 0);
    await ok(core, 'import.cancel', { jobId });
    expect(await committing).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(changeCount(core)).toBe(before);
    expect((await ok(core, 'roster.list', { eventId })).total).toBe(0);
    expect((await ok(core, 'import.status', { jobId })).phase).toBe('ready');
    expect((await ok(core, 'import.commit', { jobId, onDuplicate: 'add' })).counts.added).toBe(people);
  }, 60_000);

  it('stops when cancelled after the last row, while the people are indexed for search, and writes nothing', async () => {
    const { core, eventId, jobId } = await largePreview();
    const before = changeCount(core);
    const committing = dispatch(core.ctx, 'import.commit', { jobId, onDuplicate: 'add' });
    await follow(core, jobId, (s) => s.phase === 'saving' && s.done === people);
    expect((await ok(core, 'import.cancel', { jobId })).phase).toBe('saving');
    expect(await committing).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(changeCount(core)).toBe(before);
    expect((await ok(core, 'roster.list', { eventId })).total).toBe(0);
    expect((await ok(core, 'import.status', { jobId })).phase).toBe('ready');
  }, 60_000);

  it('saves an import once when it is committed twice (a second click while it saves)', async () => {
    const { core, eventId, jobId } = await largePreview();
    const first = dispatch(core.ctx, 'import.commit', { jobId, onDuplicate: 'add' });
    await follow(core, jobId, (s) => s.phase === 'saving');
    // The second waits for the first to finish, then finds it done.
    expect(await refused(core, 'import.commit', { jobId, onDuplicate: 'add' })).toMatchObject({
      code: 'conflict',
      message: 'This import was already committed.',
    });
    expect(await first).toMatchObject({ ok: true, value: { counts: { added: people } } });
    expect((await ok(core, 'roster.list', { eventId })).total).toBe(people);
  }, 60_000);

  it('saves a walk-in and an erasure that waited behind an import, even when a second import queued before them takes the store next', async () => {
    let asked = '';
    const { core, eventId, jobId } = await largePreview(async (at, id) => {
      asked = (await ok(at, 'participant.create', { ...walkIn(id), givenNames: 'Asked', familyName: 'Erasure' }))
        .participant.id;
    });
    const second = randomUUID();
    await previewed(core, eventId, encode(rosterCsv(generateRoster(50, 5)), 'utf-8'), { jobId: second });
    const first = dispatch(core.ctx, 'import.commit', { jobId, onDuplicate: 'add' });
    await follow(core, jobId, (s) => s.phase === 'saving' && s.done > 0);
    const queued = dispatch(core.ctx, 'import.commit', { jobId: second, onDuplicate: 'add' });
    const waiting = dispatch(core.ctx, 'participant.create', walkIn(eventId));
    // A task that writes as soon as it starts waits the same way.
    const erasing = dispatch(core.ctx, 'person.erase', { participantId: asked });
    expect(await first).toMatchObject({ ok: true });
    // Previewed before the first import changed the roster: the second is told to preview again.
    expect(await queued).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await waiting).toMatchObject({ ok: true });
    expect(await erasing).toMatchObject({ ok: true });
    expect((await ok(core, 'roster.list', { eventId })).total).toBe(people + 2);
  }, 60_000);

  it('lets a hub round that ends while an import is saved record how it went once the import is done, then back off', async () => {
    const { core, jobId } = await largePreview();
    const linked = await ok(core, 'event.create', { ...nairobi, title: 'Linked to a hub' });
    await ok(core, 'sync.hub.join', {
      eventId: linked.id,
      url: 'http://127.0.0.1:9',
      passphrase: 'the hub passphrase',
    });
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const committing = dispatch(core.ctx, 'import.commit', { jobId, onDuplicate: 'add' });
      await follow(core, jobId, (s) => s.phase === 'saving' && s.done > 0);
      let rounds = 0;
      const loop = startHubLoop(
        core.ctx,
        () => {
          rounds++;
          return Promise.reject(new TypeError('fetch failed'));
        },
        { everyMs: 40, maxBackoffMs: 160, tickMs: 10 },
      );
      expect(await committing).toMatchObject({ ok: true });
      // One round while the import held the store: its failure waited to be recorded, so no other round started.
      expect(rounds).toBe(1);
      await vi.waitFor(async () =>
        expect(await ok(core, 'sync.hub.state', { eventId: linked.id })).toMatchObject({
          connection: 'offline',
          lastError: { kind: 'unreachable' },
        }),
      );
      await loop.stop();
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  }, 60_000);

  it('runs the daily retention that falls due while an import is saved once the import is done, not a day later', async () => {
    const { core, committing } = await whileSaving();
    const logged: string[] = [];
    const stop = scheduleRetention(core.ctx, 24, (message) => logged.push(message));
    try {
      expect(await committing).toMatchObject({ ok: true });
      await vi.waitFor(async () => expect((await ok(core, 'retention.status', {})).lastRunAt).not.toBeNull());
      expect(logged.filter((m) => m.includes('retention failed'))).toEqual([]);
    } finally {
      stop();
    }
  }, 60_000);

  it('makes the automatic backup that falls due while an import is saved once the import is done', async () => {
    const { core, committing } = await whileSaving();
    const logged: string[] = [];
    const stop = scheduleBackups(core.ctx, 15, (message) => logged.push(message));
    try {
      expect(await committing).toMatchObject({ ok: true });
      await vi.waitFor(async () => expect(await ok(core, 'backup.list', {})).toHaveLength(1), { timeout: 20_000 });
      expect(logged).toEqual([]);
    } finally {
      stop();
    }
  }, 60_000);

  it('refuses, rather than stalls, a write that comes on this connection without waiting for the import', async () => {
    const { core, committing } = await whileSaving();
    const started = Date.now();
    expect(() => writeTransaction(core.ctx.db, () => core.ctx.db.exec('DELETE FROM search_queue'))).toThrow(
      /An import is being saved/,
    );
    expect(Date.now() - started).toBeLessThan(1000);
    await committing;
  }, 60_000);
});

describe('the clock of a save on a worker', () => {
  it('reports an import saved when the wall clock was set back since the last change, and later changes sort after it', async () => {
    const file = path.join(tempDir(), 'muster.sqlite');
    const at = Date.parse('2026-11-29T10:00:00Z');
    const before = openCore(file, { wallClock: () => at });
    const event = await ok(before, 'event.create', nairobi);
    before.close();
    // Someone set the laptop's clock back an hour: this device's own last change is now an hour "ahead".
    const core = openCore(file, { wallClock: () => at - 3_600_000 });
    try {
      const jobId = randomUUID();
      await previewed(core, event.id, encode(rosterCsv(generateRoster(20, 3)), 'utf-8'), { jobId });
      const committing = dispatch(core.ctx, 'import.commit', { jobId, onDuplicate: 'add' });
      // Registered while the import is saved: it waits, and is stamped after it.
      const waiting = dispatch(core.ctx, 'participant.create', walkIn(event.id));
      expect(await committing).toMatchObject({ ok: true, value: { counts: { added: 20 } } });
      expect(await waiting).toMatchObject({ ok: true });
      expect((await ok(core, 'import.status', { jobId })).phase).toBe('committed');
      await ok(core, 'participant.create', { ...walkIn(event.id), givenNames: 'Later' });
      const order = core.ctx.db.prepare('SELECT hlc FROM changes ORDER BY seq').pluck().all() as string[];
      expect(order).toEqual([...order].sort());
    } finally {
      core.close();
    }
  });
});

describe('a store moved while the app runs', () => {
  for (const [what, replace] of [
    ['left nothing at its old path', false],
    ['left another store at its old path', true],
  ] as const) {
    it(`refuses an import whose store was moved and ${what}, saying so, and writes nothing anywhere`, async () => {
      const dir = tempDir();
      const file = path.join(dir, 'muster.sqlite');
      const core = openCore(file);
      const event = await ok(core, 'event.create', nairobi);
      const jobId = randomUUID();
      await previewed(core, event.id, encode(rosterCsv(generateRoster(20, 3)), 'utf-8'), { jobId });
      // The data folder's files moved together, as a person moving the folder would move them.
      for (const side of ['', '-wal', '-shm']) renameSync(`${file}${side}`, path.join(dir, `moved.sqlite${side}`));
      const other = replace ? openCore(file) : null;
      try {
        const before = changeCount(core);
        const error = await refused(core, 'import.commit', { jobId, onDuplicate: 'add' });
        expect(error).toMatchObject({ code: 'storage_failed', message: expect.stringMatching(/moved or renamed/) });
        expect(changeCount(core)).toBe(before);
        if (other) expect(changeCount(other)).toBe(0);
        expect((await ok(core, 'import.status', { jobId })).phase).toBe('ready');
      } finally {
        other?.close();
        core.close();
      }
    });
  }
});
