import { MusterError } from '../api/errors';
import type { Context } from '../context';
import { writeWhenFree } from '../db/transaction';
import type { HubFailure } from './hub-link-schema';
import { hubLinks, lastSeq, recordFailure, recordSuccess, type HubLink } from './hub-link';

/**
 * One round with a hub (upload, then download) for a link; answers how many changes it applied here. The signal is
 * aborted when the loop stops, so a hub that does not answer cannot hold up closing the app.
 */
export type HubRoundRunner = (link: HubLink, signal: AbortSignal) => Promise<{ applied: number }>;

export interface HubLoopOptions {
  /** Between rounds while the hub answers. */
  everyMs?: number;
  /** The longest wait between attempts while it does not. */
  maxBackoffMs?: number;
  /** How often the loop looks for links made, changed or removed. */
  tickMs?: number;
}

export const hubLoopDefaults = { everyMs: 5000, maxBackoffMs: 60_000, tickMs: 500 } as const;

export interface HubLoop {
  /** Stops starting rounds and waits for the ones under way, so the database can be closed after it. */
  stop(): Promise<void>;
}

/**
 * Syncs every event linked to a hub, in the process that owns the database (Electron's main process, `muster serve`),
 * so it runs whether or not a screen is open and resumes after a restart (the links are in the database). A round
 * every few seconds while the hub answers; while it does not, the wait doubles up to a minute, and each failure is
 * recorded in plain terms for the status indicator. Rounds of different events run independently; one event's rounds
 * never overlap.
 */
export function startHubLoop(ctx: Context, round: HubRoundRunner, options: HubLoopOptions = {}): HubLoop {
  const { everyMs, maxBackoffMs, tickMs } = { ...hubLoopDefaults, ...options };
  const due = new Map<string, number>();
  const running = new Map<string, Promise<void>>();
  let stopped = false;
  const stopping = new AbortController();

  const run = async (link: HubLink) => {
    const before = lastSeq(ctx.db);
    let next = everyMs;
    try {
      const { applied } = await round(link, stopping.signal);
      if (stopped) return;
      // An import being saved on a worker holds the store for seconds: the round's outcome waits its turn, and until
      // it is recorded no other round of this event starts.
      await writeWhenFree(ctx.db, () =>
        recordSuccess(ctx.db, link, { at: ctx.now(), before, after: lastSeq(ctx.db), applied }),
      );
    } catch (error) {
      if (stopped) return;
      const failures = await writeWhenFree(ctx.db, () =>
        recordFailure(ctx.db, link, { at: ctx.now(), ...describeFailure(error) }),
      );
      next = Math.min(maxBackoffMs, everyMs * 2 ** Math.max(0, failures - 1));
    }
    due.set(key(link), Date.now() + next);
  };

  const tick = () => {
    if (stopped) return;
    const links = hubLinks(ctx.db);
    const current = new Set(links.map(key));
    for (const name of due.keys()) if (!current.has(name)) due.delete(name);
    for (const link of links) {
      const name = key(link);
      if (running.has(link.eventId) || (due.get(name) ?? 0) > Date.now()) continue;
      const done = run(link).finally(() => running.delete(link.eventId));
      running.set(link.eventId, done);
    }
  };

  const timer = setInterval(() => {
    try {
      tick();
    } catch (error) {
      // The database closing under a stopping process is the only expected cause; the next tick tries again.
      console.error('[muster] hub sync could not read its links:', error);
    }
  }, tickMs);
  timer.unref();
  queueMicrotask(() => {
    if (!stopped) tick();
  });
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      stopping.abort();
      await Promise.allSettled(running.values());
    },
  };
}

// A link re-made (another URL or passphrase) is a new link: it is due at once rather than after the old one's back-off.
function key(link: HubLink): string {
  return `${link.eventId}\0${link.joinedAt}`;
}

/** Sorts a failed round into what staff can act on: the network, the passphrase, the event, a refused bundle. */
export function describeFailure(error: unknown): { kind: HubFailure; message: string } {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof MusterError) {
    return { kind: error.code === 'conflict' ? 'conflict' : 'refused', message };
  }
  const status = (error as { status?: unknown } | null)?.status;
  if (status === 401) return { kind: 'wrong_passphrase', message };
  if (status === 404) return { kind: 'unknown_event', message };
  if (status === 409) return { kind: 'conflict', message };
  if (typeof status === 'number') return { kind: 'refused', message };
  // fetch reports an unreachable or silent hub as a TypeError ("fetch failed") with the reason in its cause, and a
  // timeout as an abort.
  const name = (error as { name?: unknown } | null)?.name;
  if (error instanceof TypeError || name === 'TimeoutError' || name === 'AbortError') {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return { kind: 'unreachable', message: cause?.code ?? cause?.message ?? message };
  }
  return { kind: 'failed', message };
}
