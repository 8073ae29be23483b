import type { Migration } from '../migrate';
import { store } from './0001-store';
import { events } from './0002-events';
import { participants } from './0003-participants';
import { checkins } from './0004-checkins';
import { search } from './0005-search';
import { importMappings } from './0006-import-mappings';
import { leanerChangeLog } from './0007-leaner-change-log';
import { badgeKeys } from './0008-badge-keys';
import { searchQueue } from './0009-search-queue';
import { checkinChangeIndex } from './0010-checkin-change-index';
import { rosterQueue } from './0011-roster-queue';
import { kiosk } from './0012-kiosk';
import { sync } from './0013-sync';
import { attendanceTieBreak } from './0014-attendance-tie-break';
import { programmes } from './0015-programmes';
import { staffMembers } from './0016-staff-members';
import { audit } from './0017-audit';
import { retention } from './0019-retention';
import { hubSync } from './0020-hub-sync';
import { feedback } from './0018-feedback';
import { searchNameForms } from './0021-search-name-forms';
import { registrationFigures } from './0022-registration-figures';
import { searchFlushSize } from './0023-search-flush-size';
import { erasedFeedback } from './0024-erased-feedback';

/** In order; never edit or reorder one that has shipped: add the next number instead. */
export const migrations: readonly Migration[] = [
  store,
  events,
  participants,
  checkins,
  search,
  importMappings,
  leanerChangeLog,
  badgeKeys,
  searchQueue,
  checkinChangeIndex,
  rosterQueue,
  kiosk,
  sync,
  attendanceTieBreak,
  programmes,
  staffMembers,
  audit,
  feedback,
  retention,
  hubSync,
  searchNameForms,
  registrationFigures,
  searchFlushSize,
  erasedFeedback,
];
