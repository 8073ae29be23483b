// An erasure reaches every backup, the older ones included, and a restore never brings an erased person back: the
// backups' bytes are searched for the person's values (UTF-8 and UTF-16), after a normal scrub and after a kill
// mid-way, and a backup kept aside from before the erasure is restored to find the person still erased.
import { randomBytes, randomUUID } from 'node:crypto';
import { copyFileSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkBackup } from '../../../electron/core/backups/check';
import { backupsDir, listBackups, waitingManifests } from '../../../electron/core/backups/files';
import { create } from '../../../electron/core/changes/write';
import { openCore, type Core } from '../../../electron/core/context';
import { openScratch, openSnapshot, type OpenOptions } from '../../../electron/core/db/driver';
import { latestVersion } from '../../../electron/core/db/migrate';
import { writeTransaction } from '../../../electron/core/db/transaction';
import { scrubBackupFiles } from '../../../electron/core/erasure/backup-scrub';
import {
  backupScrubPending,
  backupScrubSettled,
  erasureRecords,
  scrubBackups,
  startBackupScrub,
} from '../../../electron/core/erasure/backups';
import { clearWal, erasePerson, purgeSearchText } from '../../../electron/core/erasure/erase';
import { scheduleRetention } from '../../../electron/core/erasure/schedule';
import { signatureEntity } from '../../../electron/core/kiosk/store';
import { killAt } from '../../fixtures/kill';
import { strokePng } from '../../fixtures/png';
import { buildProgramme } from '../../fixtures/programme';
import { ok, tempCore, tempDir } from '../helpers';
import { largePreview, startSave } from '../imports/under-way';
import { register } from '../kiosk/people';
import { deliver, replica } from '../sync/replicas';
import { found } from './canaries';
import { undoRegistrationFigures } from '../db/before-0022';

/**
 * The SEED programme (five workshops, 135 people) plus one official with a check-in and a signature, backed up
 * `backups` times with work in between: every backup holds the official.
 */
async function programmeWithOfficial(backups: number, core?: Core) {
  let now = Date.parse('2023-09-12T06:00:00.000Z');
  const desk = core ?? tempCore({ wallClock: () => now });
  const built = await buildProgramme(desk);
  const event = built.events[0]!;
  const tag = randomBytes(6).toString('hex');
  const given = `Zorvath${tag}`;
  const family = `Пташкина${tag}`;
  const email = `canary.${tag}@example.org`;
  const { participant, registration } = await ok(desk, 'participant.create', {
    eventId: event.id,
    givenNames: given,
    familyName: family,
    gender: 'female',
    country: 'UZ',
    organisation: `Bureau ${tag} of Canaries`,
    organisationType: 'government',
    category: 'partner_state_delegate',
    email,
    notes: `notes ${tag}`,
  });
  const checkIn = await ok(desk, 'checkin.create', {
    id: randomUUID(),
    sessionId: event.sessions[0]!.id,
    registrationId: registration.id,
    method: 'manual',
  });
  const png = strokePng(151, 61).toString('base64');
  writeTransaction(desk.ctx.db, () => create(desk.ctx, signatureEntity, checkIn.id, { png }));
  for (let i = 0; i < backups; i++) {
    now += 60_000;
    await ok(desk, 'participant.update', { id: participant.id, changes: { jobTitle: `Inspector ${tag} ${i}` } });
    await ok(desk, 'backup.create', {});
  }
  const canaries = [tag, given, family, 'пташкина', email, png.slice(40, 90)];
  return { core: desk, built, event, participant, registration, canaries };
}

function backupFiles(core: Core | string): string[] {
  const dir = backupsDir(typeof core === 'string' ? core : core.file);
  return listBackups(dir).map((b) => path.join(dir, b.name));
}

/** Every file in the backups folder: the backups, their manifests, and whatever SQLite or a crash left beside them. */
function everyFile(file: string): string[] {
  const dir = backupsDir(file);
  return readdirSync(dir).map((f) => path.join(dir, f));
}

/** Work files or waiting manifests a scrub left behind. */
function leftovers(file: string): string[] {
  return readdirSync(backupsDir(file)).filter((f) => /\.(scrub-work|scrubbed|next)/.test(f));
}

/** Every listed backup passes the restore's own check: whole, and its content is what its manifest says. */
function everyBackupChecks(file: string, open: OpenOptions = {}): void {
  const dir = backupsDir(file);
  for (const manifest of listBackups(dir)) {
    const backup = path.join(dir, manifest.name);
    const checked = checkBackup({ file: backup, open });
    expect(checked.integrity).toBe('ok');
    expect(checked.digest).toBe(manifest.digest);
    expect(statSync(backup).size).toBe(manifest.bytes);
  }
}

describe('erasure and the backups', () => {
  it('rewrites every older backup without the person, and each still passes the restore check', async () => {
    const { core, built, participant, canaries } = await programmeWithOfficial(4);
    const files = backupFiles(core);
    expect(files).toHaveLength(4);
    // Control: each backup holds the official, so the searches below can fail.
    for (const file of files) expect(found(file, canaries).sort()).toEqual([...canaries].sort());
    const report = await ok(core, 'report.get', { programmeId: built.programme.id });

    await ok(core, 'person.erase', { participantId: participant.id });
    await backupScrubSettled(core.ctx);

    expect(backupScrubPending(core.ctx.db)).toBe(false);
    expect(backupFiles(core)).toEqual(files);
    for (const file of everyFile(core.file)) expect(found(file, canaries)).toEqual([]);
    everyBackupChecks(core.file);
    expect(leftovers(core.file)).toEqual([]);

    // The oldest backup, restored: the person is still erased, and the reports count exactly what they did.
    await ok(core, 'backup.restore', { name: path.basename(files.at(-1)!) });
    const person = (await ok(core, 'participant.get', { id: participant.id })).participant;
    expect(person).toMatchObject({ givenNames: '', familyName: '', email: null, gender: 'female', country: 'UZ' });
    expect(await ok(core, 'report.get', { programmeId: built.programme.id })).toEqual(report);
    await backupScrubSettled(core.ctx);
  });

  it('restoring a copy kept from before the erasure leaves the person erased: screens, search, sync', async () => {
    const { core, event, participant, canaries } = await programmeWithOfficial(1);
    const [file] = backupFiles(core);
    const aside = path.join(tempDir(), 'kept');
    copyFileSync(file!, aside);
    copyFileSync(`${file!}.json`, `${aside}.json`);

    await ok(core, 'person.erase', { participantId: participant.id });
    await backupScrubSettled(core.ctx);
    // The backup comes back as it was before the erasure, as a copy from a USB stick would.
    copyFileSync(aside, file!);
    copyFileSync(`${aside}.json`, `${file!}.json`);
    expect(found(file!, canaries)).not.toEqual([]);

    await ok(core, 'backup.restore', { name: path.basename(file!) });
    const person = (await ok(core, 'participant.get', { id: participant.id })).participant;
    expect(person).toMatchObject({ givenNames: '', familyName: '', email: null, notes: '' });
    expect(await ok(core, 'roster.search', { eventId: event.id, query: 'Zorvath' })).toEqual([]);
    const roster = await ok(core, 'roster.list', { eventId: event.id });
    expect(JSON.stringify(roster)).not.toContain('Zorvath');
    expect(found(core.file, canaries)).toEqual([]);
    expect(found(`${core.file}-wal`, canaries)).toEqual([]);
    // What the restored desk hands out by sync carries no name.
    const peer = replica();
    await deliver(core, peer.core, event.id);
    const log = peer.core.ctx.db.prepare("SELECT group_concat(fields, ' ') FROM changes").pluck().get() as string;
    for (const canary of canaries) expect(log).not.toContain(canary);
    expect((await ok(peer.core, 'participant.get', { id: participant.id })).participant.familyName).toBe('');

    // The restored copy is scrubbed in its turn: no backup holds the person any more.
    await backupScrubSettled(core.ctx);
    for (const backup of everyFile(core.file)) expect(found(backup, canaries)).toEqual([]);
    everyBackupChecks(core.file);
  });

  it('after a kill mid-way each backup is old and whole or new and whole, and the next start finishes', async () => {
    const { core, participant, canaries } = await programmeWithOfficial(6);
    const file = core.file;
    // Erased without the handler, so the scrub runs in the process the test kills, not in this one.
    writeTransaction(core.ctx.db, () => {
      erasePerson(core.ctx, participant.id, 'request');
      purgeSearchText(core.ctx.db);
    });
    clearWal(core.ctx.db);
    core.close();

    let interrupted = 0;
    for (const afterMs of [0, 20, 60]) {
      const lines = await killAt('tests/fixtures/scrub-worker.ts', [file], { afterMs, from: { line: 'scrubbing 1' } });
      if (!lines.includes('done')) interrupted += 1;
      // Whole either way: the restore check accepts each backup, or its new manifest waits beside it.
      const dir = backupsDir(file);
      const waiting = new Map(waitingManifests(dir).map((m) => [m.name, m.digest]));
      for (const manifest of listBackups(dir)) {
        const checked = checkBackup({ file: path.join(dir, manifest.name), open: {} });
        expect(checked.integrity).toBe('ok');
        expect([manifest.digest, waiting.get(manifest.name)]).toContain(checked.digest);
      }
      expect(backupFiles(file)).toHaveLength(6);
    }
    expect(interrupted).toBeGreaterThan(0);

    const restarted = openCore(file);
    try {
      expect(backupScrubPending(restarted.ctx.db)).toBe(true);
      await scrubBackups(restarted.ctx);
      expect(backupScrubPending(restarted.ctx.db)).toBe(false);
    } finally {
      restarted.close();
    }
    for (const backup of everyFile(file)) expect(found(backup, canaries)).toEqual([]);
    everyBackupChecks(file);
    expect(leftovers(file)).toEqual([]);
  });

  it('rewrites encrypted backups with the database key, and one restored from them keeps the person erased', async () => {
    const key = randomBytes(32).toString('hex');
    const { core, participant, canaries } = await programmeWithOfficial(2, tempCore({ key }));
    const familyName = (file: string) => {
      const copy = openSnapshot(file, { key });
      try {
        return copy.prepare('SELECT family_name FROM participants WHERE id = ?').pluck().get(participant.id);
      } finally {
        copy.close();
      }
    };
    // Control: the backups hold the person (and their bytes say nothing: they are encrypted).
    for (const file of backupFiles(core)) {
      expect(familyName(file)).toContain('Пташкина');
      expect(found(file, canaries)).toEqual([]);
    }
    await ok(core, 'person.erase', { participantId: participant.id });
    await backupScrubSettled(core.ctx);
    const files = backupFiles(core);
    expect(files).toHaveLength(2);
    for (const file of files) {
      const copy = openSnapshot(file, { key });
      try {
        const row = copy.prepare('SELECT family_name, erased_at FROM participants WHERE id = ?').get(participant.id);
        expect(row).toMatchObject({ family_name: '', erased_at: expect.any(String) });
        const log = copy.prepare("SELECT group_concat(fields, ' ') FROM changes").pluck().get() as string;
        for (const canary of canaries) expect(log).not.toContain(canary);
      } finally {
        copy.close();
      }
    }
    everyBackupChecks(core.file, { key });
    await ok(core, 'backup.restore', { name: path.basename(files.at(-1)!) });
    expect((await ok(core, 'participant.get', { id: participant.id })).participant.familyName).toBe('');
    await backupScrubSettled(core.ctx);
  });

  it('carries an erasure received by sync into the backups at the next start-up', async () => {
    const desk = replica();
    const kiosk = replica();
    const { core, event, participant, canaries } = await programmeWithOfficial(0, desk.core);
    await deliver(core, kiosk.core, event.id);
    await ok(kiosk.core, 'backup.create', {});
    const [file] = backupFiles(kiosk.core);
    expect(found(file!, canaries)).not.toEqual([]);

    await ok(core, 'person.erase', { participantId: participant.id });
    await deliver(core, kiosk.core, event.id);
    expect(backupScrubPending(kiosk.core.ctx.db)).toBe(true);
    const logged: string[] = [];
    const stop = scheduleRetention(kiosk.core.ctx, 24, (m) => logged.push(m));
    try {
      await backupScrubSettled(kiosk.core.ctx);
    } finally {
      stop();
    }
    expect(logged).toEqual(['[muster] erased people removed from 1 older backups']);
    for (const backup of everyFile(kiosk.core.file)) expect(found(backup, canaries)).toEqual([]);
    everyBackupChecks(kiosk.core.file);
  });

  it('brings a backup from before erasure existed (schema 18) up to date as it scrubs it', async () => {
    const { core, participant, canaries } = await programmeWithOfficial(1);
    const dir = backupsDir(core.file);
    const [made] = listBackups(dir);
    const file = path.join(dir, made!.name);
    // The backup as Muster before migration 19 would have made it: no erasure columns, no hub tables (and none of
    // the later registrations' own figures).
    const old = openScratch(file);
    try {
      undoRegistrationFigures(old);
      // Feedback responses as 0018 guarded them (0024 lets an erased respondent's answers be blanked).
      old.exec(`DROP TRIGGER feedback_responses_are_never_changed;
        CREATE TRIGGER feedback_responses_are_never_changed BEFORE UPDATE ON feedback_responses
        BEGIN SELECT RAISE(ABORT, 'Feedback responses are appended, never changed.'); END;`);
      old.exec(`DROP TABLE hub_links; DROP TABLE applied_bundles;
        ALTER TABLE participants DROP COLUMN erased_at; ALTER TABLE events DROP COLUMN retention_days;
        DELETE FROM schema_migrations WHERE version >= 19; PRAGMA user_version = 18;`);
    } finally {
      old.close();
    }
    const before = checkBackup({ file, open: {} });
    writeFileSync(
      `${file}.json`,
      JSON.stringify({ ...made, reason: 'before-migration', schemaVersion: 18, digest: before.digest }),
    );
    expect(before.schemaVersion).toBe(18);
    expect(found(file, canaries)).not.toEqual([]);

    await ok(core, 'person.erase', { participantId: participant.id });
    await backupScrubSettled(core.ctx);

    expect(listBackups(dir)[0]).toMatchObject({ name: made!.name, schemaVersion: latestVersion });
    for (const backup of everyFile(core.file)) expect(found(backup, canaries)).toEqual([]);
    everyBackupChecks(core.file);
  });

  it('settles a replacement cut between its renames by the file it finds', async () => {
    const { core, participant } = await programmeWithOfficial(2);
    const dir = backupsDir(core.file);
    const [newer, older] = listBackups(dir);
    const keptFile = path.join(tempDir(), 'older');
    copyFileSync(path.join(dir, older!.name), keptFile);
    writeTransaction(core.ctx.db, () => erasePerson(core.ctx, participant.id, 'request'));
    const erasures = erasureRecords(core.ctx.db).changes;
    scrubBackupFiles({ dir, open: {}, erasures });
    const [newerScrubbed, olderScrubbed] = listBackups(dir);

    // Cut after the file's rename: the new file with the old manifest, the new one waiting. It is put in place.
    renameSync(path.join(dir, `${newer!.name}.json`), path.join(dir, `${newer!.name}.json.next`));
    writeFileSync(path.join(dir, `${newer!.name}.json`), JSON.stringify(newer));
    // Cut before it: the old file and manifest, the new manifest waiting. The waiting one is dropped, the work redone.
    copyFileSync(keptFile, path.join(dir, older!.name));
    writeFileSync(path.join(dir, `${older!.name}.json`), JSON.stringify(older));
    writeFileSync(path.join(dir, `${older!.name}.json.next`), JSON.stringify(olderScrubbed));

    const result = scrubBackupFiles({ dir, open: {}, erasures });
    expect(result.rewritten).toEqual([older!.name]);
    expect(waitingManifests(dir)).toEqual([]);
    expect(listBackups(dir)[0]).toEqual(newerScrubbed);
    everyBackupChecks(core.file);
  });
});

describe('an erasure carried into the backups while an import is saved', () => {
  it('records the backups as scrubbed once the save is done, instead of failing and leaving them for later', async () => {
    const { core, jobId } = await largePreview(async (at, eventId) => {
      const { participant } = await register(at, eventId);
      await ok(at, 'backup.create', {});
      await ok(at, 'person.erase', { participantId: participant.id });
      await backupScrubSettled(at.ctx);
      // As if the app had been killed before the scrub recorded itself: the start-up scrub carries it again.
      at.ctx.db.prepare("DELETE FROM meta WHERE key = 'backups_scrubbed_seq'").run();
    });
    const logged: string[] = [];
    const saving = startSave(core, jobId);
    // The scrub (at start-up, or every 15 minutes) rewrites the backups on its worker while the import is saved.
    const scrubbing = startBackupScrub(core.ctx, (message) => logged.push(message));
    await scrubbing;
    expect((await saving).ok).toBe(true);
    expect(logged.filter((m) => m.includes('failed'))).toEqual([]);
    expect(backupScrubPending(core.ctx.db)).toBe(false);
  }, 60_000);
});
