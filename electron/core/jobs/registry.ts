import type { Db } from '../db/driver';
import { notFound } from '../api/errors';

/** A job a screen started and follows by id: an import being read and previewed, an export being drawn, a sync. */
export interface Job {
  id: string;
  kind: 'import' | 'export' | 'sync';
  phase: string;
  done: number;
  total: number;
  /** Set when the job failed, for the status a screen polls. */
  error: { code: string; message: string } | null;
  /** Stops whatever is running for the job (its worker); absent when nothing is. */
  stop?: () => void;
  touchedAt: number;
}

// Jobs live in memory, per open database: they hold files and previews, never anything that must survive a restart.
const registries = new WeakMap<Db, Map<string, Job>>();

/** Jobs kept at once; starting another forgets the one left alone longest (never a running one). */
const maxJobs = 6;
/** A finished job nobody asked about for this long is forgotten, and its file with it. */
const idleMs = 60 * 60 * 1000;

function registry(db: Db): Map<string, Job> {
  let jobs = registries.get(db);
  if (!jobs) registries.set(db, (jobs = new Map()));
  return jobs;
}

function isRunning(job: Job): boolean {
  return job.stop !== undefined;
}

/** Registers a new job, after forgetting idle ones so a long-running app does not keep every file it ever read. */
export function addJob<J extends Job>(db: Db, job: J, now = Date.now()): J {
  const jobs = registry(db);
  for (const [id, old] of jobs) if (!isRunning(old) && now - old.touchedAt > idleMs) jobs.delete(id);
  const idle = [...jobs.values()].filter((j) => !isRunning(j)).sort((a, b) => a.touchedAt - b.touchedAt);
  for (const old of idle) {
    if (jobs.size < maxJobs) break;
    jobs.delete(old.id);
  }
  jobs.set(job.id, job);
  return job;
}

export function findJob<J extends Job>(db: Db, id: string, kind: J['kind']): J | undefined {
  const job = registry(db).get(id);
  if (!job || job.kind !== kind) return undefined;
  job.touchedAt = Date.now();
  return job as J;
}

export function getJob<J extends Job>(db: Db, id: string, kind: J['kind']): J {
  const job = findJob<J>(db, id, kind);
  if (!job) throw notFound({ import: 'Import', export: 'Export', sync: 'Sync' }[kind], id);
  return job;
}

export function forgetJob(db: Db, id: string): void {
  registry(db).delete(id);
}

/** What a status query answers. */
export function statusOf<J extends Job>(job: J): Pick<J, 'phase' | 'done' | 'total' | 'error'> & { jobId: string } {
  return { jobId: job.id, phase: job.phase, done: job.done, total: job.total, error: job.error };
}
