import type { Migration } from '../migrate';
import { store } from './0001-store';
import { events } from './0002-events';

/** In order; never edit or reorder one that has shipped: add the next number instead. */
export const migrations: readonly Migration[] = [store, events];
