import { copyEncrypted, openSnapshot, type OpenOptions } from '../db/driver';
import { contentDigest } from './digest';

export interface CheckInput {
  file: string;
  open: OpenOptions;
}

export interface CheckResult {
  /** 'ok', or SQLite's first complaint. */
  integrity: string;
  digest: string;
  schemaVersion: number;
}

/** Reads a backup through (integrity_check visits every page) and digests its content; runs on a worker thread. */
export function checkBackup(input: CheckInput): CheckResult {
  const db = openSnapshot(input.file, input.open);
  try {
    const integrity = String(db.pragma('integrity_check', { simple: true }));
    return {
      integrity,
      digest: integrity === 'ok' ? contentDigest(db) : '',
      schemaVersion: Number(db.pragma('user_version', { simple: true })),
    };
  } finally {
    db.close();
  }
}

export interface CopyInput {
  file: string;
  dest: string;
  open: OpenOptions;
}

/** Copies an encrypted live database into a backup file with the same key; runs on a worker thread. */
export function copyBackup(input: CopyInput): void {
  copyEncrypted(input.file, input.dest, input.open);
}
