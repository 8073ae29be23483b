import type { Job } from '../jobs/registry';
import type { ReadResult } from './read';
import type { importPhases } from './schema';

/** An import between its file arriving and its commit: the file (for previews with another mapping), its rows. */
export interface ImportJob extends Job {
  kind: 'import';
  phase: (typeof importPhases)[number];
  eventId: string;
  fileName: string;
  bytes: Uint8Array | null;
  read: ReadResult | null;
  /** The change log's position when the rows were checked against the roster; the commit refuses if it moved. */
  checkedAt: number;
}
