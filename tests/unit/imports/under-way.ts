// An import's save under way on its worker, for tests of what the rest of the app does meanwhile.
import { randomUUID } from 'node:crypto';
import { dispatch } from '../../../electron/core/api/dispatch';
import type { Result } from '../../../electron/core/api/errors';
import type { Core, OpenCoreOptions } from '../../../electron/core/context';
import { generateRoster } from '../../fixtures/roster';
import { nairobi, ok, tempCore } from '../helpers';
import { encode, previewed, rosterCsv } from './files';

/** Enough people that saving them takes a good second on this machine, so there is time to act while it runs. */
export const people = 12_000;

/** `before` runs ahead of the preview, as its roster check must see what it adds. */
export async function largePreview(
  before: (core: Core, eventId: string) => Promise<void> = async () => undefined,
  options: OpenCoreOptions = {},
) {
  const core = tempCore(options);
  const event = await ok(core, 'event.create', nairobi);
  await before(core, event.id);
  const jobId = randomUUID();
  await previewed(core, event.id, encode(rosterCsv(generateRoster(people, 11)), 'utf-8'), { jobId });
  return { core, eventId: event.id, jobId };
}

/** Polls import.status until `until` holds for it, and answers the statuses seen. */
export async function follow(core: Core, jobId: string, until: (s: { phase: string; done: number }) => boolean) {
  const seen: { phase: string; done: number; total: number }[] = [];
  for (;;) {
    const status = await ok(core, 'import.status', { jobId });
    seen.push(status);
    if (until(status)) return seen;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * Starts saving the previewed import. The store is held from this very turn (dispatch starts the commit before it
 * first awaits), so a caller can start the save in the middle of something else's awaits.
 */
export function startSave(core: Core, jobId: string): Promise<Result<unknown>> {
  return dispatch(core.ctx, 'import.commit', { jobId, onDuplicate: 'add' });
}

/** A large import, its commit started and seen saving its first rows. */
export async function whileSaving(before?: (core: Core, eventId: string) => Promise<void>) {
  const { core, eventId, jobId } = await largePreview(before);
  const committing = startSave(core, jobId);
  await follow(core, jobId, (s) => s.phase === 'saving' && s.done > 0);
  return { core, eventId, jobId, committing };
}

/** Whether the import is still being saved: what a test checks to know its call really came during the save. */
export async function stillSaving(core: Core, jobId: string): Promise<boolean> {
  return (await ok(core, 'import.status', { jobId })).phase === 'saving';
}
