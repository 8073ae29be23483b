import { hubChanges } from './0001-hub-changes';
import { hubRegistrations } from './0002-hub-registrations';

export interface PgMigration {
  version: number;
  name: string;
  sql: string;
}

/** In order; a new migration is a new file appended here, never an edit of an applied one. */
export const pgMigrations: readonly PgMigration[] = [hubChanges, hubRegistrations];
