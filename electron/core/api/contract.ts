import { z } from 'zod';
import type { Result } from './errors';
import { syncConflicts } from '../sync/conflicts';
import {
  accessSetup,
  accessSignIn,
  accessStatus,
  accessUnlock,
  idleSetting,
  member,
  memberAdd,
  memberRemove,
  memberSecret,
} from '../access/schema';
import { auditFilter, auditListInput, auditPage, auditVerification } from '../audit/schema';
import { backupInfo, backupList, backupRestoreInput } from '../backups/schema';
import {
  checkInInput,
  checkInRecord,
  checkOutInput,
  counters,
  recentEntry,
  recentInput,
  undoInput,
} from '../checkin/schema';
import { badgeCodes, badgePrintInput, badgePrintResult, badgeTokenInput } from '../badges/schema';
import {
  kioskCheckedIn,
  kioskCheckIn,
  kioskEnter,
  kioskFind,
  kioskIdentify,
  kioskIdentity,
  kioskLeave,
  kioskLeft,
  kioskMatches,
  kioskState,
} from '../kiosk/schema';
import { exportInput, exportResult, exportStatus } from '../exports/schema';
import {
  feedbackForm,
  feedbackReceipt,
  feedbackSubmit,
  formSettings,
  kioskFeedbackForm,
  kioskFeedbackSubmit,
  questionAdd,
  questionUpdate,
} from '../feedback/schema';
import {
  dashboard,
  dashboardInput,
  matchesInput,
  matchesOutput,
  personDecision,
  personPair,
  programme,
  programmeAssign,
  programmeCreate,
  programmeRename,
  report,
  reportExportInput,
  reportScope,
} from '../reports/schema';
import { importRequestBytes } from '../imports/limits';
import {
  importCommitInput,
  importPreview,
  importPreviewInput,
  importReport,
  importRowsInput,
  importRowsPage,
  importStatus,
  jobInput,
} from '../imports/schema';
import { event, eventInput, eventSummary, eventUpdate, id, session, sessionAdd, sessionUpdate } from '../events/schema';
import {
  duplicate,
  duplicateQuery,
  participant,
  participantCreate,
  participantUpdate,
  participantWithRegistrations,
  registration,
  registrationUpdate,
  rosterList,
  rosterPage,
  rosterSearch,
  searchHit,
} from '../participants/schema';
import {
  syncExportInput,
  syncExportResult,
  syncImportInput,
  syncImportResult,
  syncProgress,
  syncProgressInput,
  syncRequestBytes,
  syncStatus,
  syncStatusInput,
} from '../sync/schema';
import { erasure, personEraseInput, retentionRun, retentionStatus } from '../erasure/schema';
import { syncHubEventInput, syncHubJoinInput, syncHubState } from '../sync/hub-link-schema';
import { lockState, storePassphrase, storeUnlock } from '../system/store-schema';

/**
 * Every method Muster's screens, command line and transports can call: its name, what it takes and what it gives.
 * Queries only read; mutations run in one immediate transaction, so a change either commits whole or not at all.
 * Tasks are long work (reading an import file, rendering an export) that runs off the main thread and answers when
 * it is done; they hold no transaction while they wait, and a screen follows them with a status query.
 * Types for the renderer, the preload and the handlers are all derived from this one map.
 */
export const contract = {
  'system.ping': { kind: 'query', input: z.object({}).strict(), output: z.object({ ok: z.literal(true) }) },
  'system.info': {
    kind: 'query',
    input: z.object({}).strict(),
    output: z.object({ version: z.string(), device: z.string(), schemaVersion: z.number().int() }),
  },
  'event.list': {
    kind: 'query',
    input: z.object({ includeArchived: z.boolean().default(false) }).strict(),
    output: z.array(eventSummary),
  },
  'event.get': { kind: 'query', input: z.object({ id }).strict(), output: event },
  'event.create': { kind: 'mutation', input: eventInput, output: event },
  'event.update': { kind: 'mutation', input: eventUpdate, output: event },
  'event.archive': {
    kind: 'mutation',
    input: z.object({ id, archived: z.boolean() }).strict(),
    output: event,
  },
  'session.add': { kind: 'mutation', input: sessionAdd, output: session },
  'session.update': { kind: 'mutation', input: sessionUpdate, output: session },
  'session.remove': { kind: 'mutation', input: z.object({ id }).strict(), output: event },
  'participant.create': {
    kind: 'mutation',
    input: participantCreate,
    output: z.object({ participant, registration, checkIn: checkInRecord.nullable() }),
  },
  'participant.update': { kind: 'mutation', input: participantUpdate, output: participant },
  'participant.get': { kind: 'query', input: z.object({ id }).strict(), output: participantWithRegistrations },
  'participant.findDuplicates': { kind: 'query', input: duplicateQuery, output: z.array(duplicate) },
  'registration.update': { kind: 'mutation', input: registrationUpdate, output: registration },
  'roster.list': { kind: 'query', input: rosterList, output: rosterPage },
  'roster.search': { kind: 'query', input: rosterSearch, output: z.array(searchHit) },
  'checkin.create': { kind: 'mutation', input: checkInInput, output: checkInRecord },
  'checkin.checkout': { kind: 'mutation', input: checkOutInput, output: checkInRecord },
  'checkin.undo': { kind: 'mutation', input: undoInput, output: checkInRecord },
  'checkin.counters': { kind: 'query', input: z.object({ sessionId: id }).strict(), output: counters },
  'checkin.recent': { kind: 'query', input: recentInput, output: z.array(recentEntry) },
  'import.preview': {
    kind: 'task',
    input: importPreviewInput,
    output: importPreview,
    maxRequestBytes: importRequestBytes,
  },
  'import.status': { kind: 'query', input: jobInput, output: importStatus },
  'import.rows': { kind: 'query', input: importRowsInput, output: importRowsPage },
  'import.cancel': { kind: 'query', input: jobInput, output: importStatus },
  'import.commit': { kind: 'task', input: importCommitInput, output: importReport },
  'export.run': { kind: 'task', input: exportInput, output: exportResult },
  'export.status': { kind: 'query', input: jobInput, output: exportStatus },
  'export.cancel': { kind: 'query', input: jobInput, output: exportStatus },
  // The badge's signed QR token and short code; signing the event's first badge makes its key (one recorded write).
  'badge.token': { kind: 'query', input: badgeTokenInput, output: badgeCodes },
  'badge.reissue': { kind: 'mutation', input: badgeTokenInput, output: badgeCodes },
  'badge.print': { kind: 'mutation', input: badgePrintInput, output: badgePrintResult },
  // The self-service kiosk. Entering and leaving are tasks: the PIN's scrypt runs off the main thread, and a wrong
  // PIN's count is committed in its own transaction before the refusal (a mutation's would roll it back).
  'kiosk.state': { kind: 'query', input: z.object({}).strict(), output: kioskState },
  'kiosk.enter': { kind: 'task', input: kioskEnter, output: kioskState },
  'kiosk.leave': { kind: 'task', input: kioskLeave, output: kioskLeft },
  'kiosk.find': { kind: 'query', input: kioskFind, output: kioskMatches },
  'kiosk.identify': { kind: 'query', input: kioskIdentify, output: kioskIdentity },
  'kiosk.checkIn': { kind: 'mutation', input: kioskCheckIn, output: kioskCheckedIn },
  // Backups of this data folder. Making and restoring one are tasks: the copy is checked on a worker thread.
  'backup.list': { kind: 'query', input: z.object({}).strict(), output: backupList },
  'backup.create': { kind: 'task', input: z.object({}).strict(), output: backupInfo },
  'backup.restore': { kind: 'task', input: backupRestoreInput, output: backupInfo },
  // Sync by file: what this replica knows of an event, a sealed bundle of what a peer lacks, and applying one.
  'sync.status': { kind: 'query', input: syncStatusInput, output: syncStatus },
  'sync.export': { kind: 'task', input: syncExportInput, output: syncExportResult },
  'sync.import': { kind: 'task', input: syncImportInput, output: syncImportResult, maxRequestBytes: syncRequestBytes },
  'sync.progress': { kind: 'query', input: syncProgressInput, output: syncProgress },
  'sync.cancel': { kind: 'query', input: syncProgressInput, output: syncProgress },
  'sync.conflicts': { kind: 'query', input: syncStatusInput, output: syncConflicts },
  // Programmes group events; reports count a programme's people once (electron/core/reports).
  'programme.list': { kind: 'query', input: z.object({}).strict(), output: z.array(programme) },
  'programme.get': { kind: 'query', input: z.object({ id }).strict(), output: programme },
  'programme.create': { kind: 'mutation', input: programmeCreate, output: programme },
  'programme.rename': { kind: 'mutation', input: programmeRename, output: programme },
  'programme.assign': { kind: 'mutation', input: programmeAssign, output: programme },
  'programme.unassign': { kind: 'mutation', input: programmeAssign, output: programme },
  'report.get': { kind: 'query', input: reportScope, output: report },
  'report.matches': { kind: 'query', input: matchesInput, output: matchesOutput },
  'report.export': { kind: 'task', input: reportExportInput, output: exportResult },
  // The live event dashboard: one session's arrivals and who is there, read every few seconds.
  'dashboard.get': { kind: 'query', input: dashboardInput, output: dashboard },
  'person.merge': { kind: 'mutation', input: personPair, output: personDecision },
  'person.unmerge': { kind: 'mutation', input: personPair, output: personDecision },
  'person.rejectMatch': { kind: 'mutation', input: personPair, output: personDecision },
  // Erasure of one person's personal data on request, and retention (electron/core/erasure). Erasing is a task: the
  // WAL is emptied after the commit, so the erased values leave the -wal file too.
  'person.erase': { kind: 'task', input: personEraseInput, output: erasure },
  'retention.run': { kind: 'task', input: z.object({}).strict(), output: retentionRun },
  'retention.status': { kind: 'query', input: z.object({}).strict(), output: retentionStatus },
  // A kiosk's link to its event's sync hub: the process that owns the database syncs it in the background.
  'sync.hub.join': { kind: 'mutation', input: syncHubJoinInput, output: syncHubState },
  'sync.hub.leave': { kind: 'mutation', input: syncHubEventInput, output: syncHubState },
  'sync.hub.state': { kind: 'query', input: syncHubEventInput, output: syncHubState },
  'sync.hub.waiting': { kind: 'query', input: z.object({}).strict(), output: z.array(syncHubState) },
  // Participant feedback (electron/core/feedback): staff define an event's form; the kiosk or the desk takes answers.
  'feedback.get': { kind: 'query', input: z.object({ eventId: id }).strict(), output: feedbackForm },
  'feedback.settings': { kind: 'mutation', input: formSettings, output: feedbackForm },
  'feedback.addQuestion': { kind: 'mutation', input: questionAdd, output: feedbackForm },
  'feedback.updateQuestion': { kind: 'mutation', input: questionUpdate, output: feedbackForm },
  'feedback.removeQuestion': { kind: 'mutation', input: z.object({ id }).strict(), output: feedbackForm },
  'feedback.submit': { kind: 'mutation', input: feedbackSubmit, output: feedbackReceipt },
  'kiosk.feedbackForm': { kind: 'query', input: z.object({}).strict(), output: kioskFeedbackForm },
  'kiosk.feedbackSubmit': { kind: 'mutation', input: kioskFeedbackSubmit, output: feedbackReceipt },
  // Who is working (electron/core/access; who may call what is in access/roles.ts). Secrets are checked with scrypt
  // off the main thread, so the calls that take one are tasks; a wrong one is counted in its own transaction.
  'access.status': { kind: 'query', input: z.object({}).strict(), output: accessStatus },
  'access.setup': { kind: 'task', input: accessSetup, output: accessStatus },
  'access.signIn': { kind: 'task', input: accessSignIn, output: accessStatus },
  'access.unlock': { kind: 'task', input: accessUnlock, output: accessStatus },
  'access.signOut': { kind: 'task', input: z.object({}).strict(), output: accessStatus },
  // Someone pressed a key or touched the staff side: it stays unlocked (screens that poll do not count as use).
  'access.touch': { kind: 'query', input: z.object({}).strict(), output: z.strictObject({ locked: z.boolean() }) },
  'access.members': { kind: 'query', input: z.object({}).strict(), output: z.array(member) },
  'access.addMember': { kind: 'task', input: memberAdd, output: member },
  'access.setSecret': { kind: 'task', input: memberSecret, output: member },
  'access.removeMember': { kind: 'mutation', input: memberRemove, output: member },
  'access.setIdle': { kind: 'mutation', input: idleSetting, output: accessStatus },
  // The audit trail (electron/core/audit): who did what on this device, hash-chained.
  'audit.list': { kind: 'query', input: auditListInput, output: auditPage },
  'audit.verify': { kind: 'query', input: z.object({}).strict(), output: auditVerification },
  'audit.export': { kind: 'task', input: auditFilter, output: exportResult },
  // The database key (electron/core/db/keyring.ts). While the desktop's database is locked, its shell answers the
  // first two itself and refuses everything else with `locked` (electron/main/locked.ts).
  'store.lockState': { kind: 'query', input: z.object({}).strict(), output: lockState },
  'store.unlock': { kind: 'task', input: storeUnlock, output: lockState },
  'store.setPassphrase': { kind: 'task', input: storePassphrase, output: lockState },
} as const satisfies Record<string, MethodSpec>;

export interface MethodSpec {
  kind: 'query' | 'mutation' | 'task';
  input: z.ZodType;
  output: z.ZodType;
  /** Largest request a transport accepts for this method, in bytes, when it needs more than the usual 1 MB (files). */
  maxRequestBytes?: number;
}

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export const methodNames = Object.keys(contract) as MethodName[];

export type Input<M extends MethodName> = z.input<Contract[M]['input']>;
export type Output<M extends MethodName> = z.output<Contract[M]['output']>;

/** The largest request a transport must accept for a method, when it declares one beyond the usual. */
export function maxRequestBytes(method: MethodName): number | undefined {
  const spec: MethodSpec = contract[method];
  return spec.maxRequestBytes;
}

export function isMethod(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}

/** What the renderer calls: one async function per method, answering with a Result. The preload and the HTTP client both implement it. */
export type MusterApi = {
  [M in MethodName]: (input: Input<M>) => Promise<Result<Output<M>>>;
};

/** The single IPC channel the preload invokes and the main process handles. */
export const ipcChannel = 'muster:call';
