import type { Entity } from '../changes/write';
import { badgeIssueEntity, badgeKeyEntity, badgePrintEntity } from '../badges/store';
import { checkinEntity } from '../checkin/store';
import { eventEntity, sessionEntity } from '../events/store';
import { feedbackFormEntity, feedbackQuestionEntity, feedbackResponseEntity } from '../feedback/store';
import { importMappingEntity } from '../imports/mappings';
import { signatureEntity } from '../kiosk/store';
import { personMatchEntity } from '../reports/matches';
import { programmeEntity, programmeEventEntity } from '../reports/programmes';
import { participantEntity, registrationEntity } from '../participants/store';

/**
 * Every kind of record that syncs, by its name in the change log. A change naming anything else is refused: it
 * comes from a newer Muster (or a forger), and applying half a bundle would leave replicas apart.
 */
export const syncedEntities: Record<string, Entity<string>> = Object.fromEntries(
  [
    eventEntity,
    sessionEntity,
    participantEntity,
    registrationEntity,
    checkinEntity,
    importMappingEntity,
    badgeKeyEntity,
    badgeIssueEntity,
    badgePrintEntity,
    signatureEntity,
    programmeEntity,
    programmeEventEntity,
    personMatchEntity,
    feedbackFormEntity,
    feedbackQuestionEntity,
    feedbackResponseEntity,
  ].map((e) => [e.name, e as Entity<string>]),
);

export const entityNames = Object.keys(syncedEntities) as [string, ...string[]];

/**
 * Facts that are only ever created, never edited (their tables refuse UPDATE): they merge as a set keyed by id, and
 * their own primary key answers "do I have this one?".
 */
export const appendOnly = new Set<string>([
  checkinEntity.name,
  badgePrintEntity.name,
  signatureEntity.name,
  feedbackResponseEntity.name,
]);
