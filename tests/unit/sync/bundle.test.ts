import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/context';
import { magic, seal, syncLimits } from '../../../electron/core/sync/bundle';
import { openBundle } from '../../../electron/core/sync/open';
import { deviceKey, signBytes } from '../../../electron/core/sync/keys';
import { exportBundle, importBundle } from '../../../electron/core/sync/sync';
import { eventState } from '../../../electron/core/sync/scope';
import { nairobi, ok, refused } from '../helpers';
import { addPerson, checkIn, deliver, passphrase, replica, seedEvent } from './replicas';

/** Every row of every table (virtual tables aside: their shadow tables are compared), to prove nothing changed. */
function dump(core: Core): string {
  const db = core.ctx.db;
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name")
    .pluck()
    .all() as string[];
  return JSON.stringify(tables.map((t) => [t, db.prepare(`SELECT * FROM "${t}" ORDER BY 1`).raw().all()]));
}

async function refusal(promise: Promise<unknown>): Promise<{ code?: string; details?: { sync?: string } }> {
  return promise.then(
    () => {
      throw new Error('The bundle was accepted.');
    },
    (error: unknown) => error as { code?: string; details?: { sync?: string } },
  );
}

/** A sender with an event, people and check-ins; a receiver that already has an older copy of the event. */
async function pair() {
  const sender = replica(0);
  const receiver = replica(0);
  const { eventId, sessionIds } = await seedEvent(sender.core);
  const first = await addPerson(sender.core, eventId, 'Otieno');
  await deliver(sender.core, receiver.core, eventId);
  for (const name of ['Kamau', 'Achieng', 'Hassan']) {
    const p = await addPerson(sender.core, eventId, name);
    await checkIn(sender.core, sessionIds[0]!, p.registration.id);
  }
  await checkIn(sender.core, sessionIds[0]!, first.registration.id);
  const { bytes } = await exportBundle(sender.core.ctx, { eventId, passphrase });
  return { sender, receiver, eventId, bytes };
}

async function expectRefused(
  receiver: Core,
  bytes: Buffer,
  reason: string,
  options: { passphrase?: string; eventId?: string; limits?: typeof syncLimits } = {},
): Promise<void> {
  const before = dump(receiver);
  const error = await refusal(importBundle(receiver.ctx, bytes, { passphrase, ...options }));
  expect(error.code).toBe('sync_refused');
  expect(error.details?.sync).toBe(reason);
  expect(dump(receiver)).toBe(before);
}

describe('sync bundles', () => {
  it('carry an event to a replica that has never seen it, and read back as the same state', async () => {
    const { sender, receiver, eventId, bytes } = await pair();
    expect(bytes.subarray(0, magic.length).equals(magic)).toBe(true);
    // Nothing of the content is readable in the file.
    expect(bytes.includes(Buffer.from('Otieno'))).toBe(false);
    const result = await importBundle(receiver.core.ctx, bytes, { passphrase, eventId });
    expect(result.digest).toBe(eventState(sender.core.ctx.db, eventId).digest);
    const fresh = replica(0);
    await importBundle(fresh.core.ctx, bytes, { passphrase });
    expect(eventState(fresh.core.ctx.db, eventId).digest).toBe(result.digest);
  });

  it('refuses a bundle with any bit flipped, anywhere, and writes nothing', async () => {
    const { receiver, bytes } = await pair();
    const positions = [
      magic.length + 5,
      magic.length + 40,
      Math.floor(bytes.length / 2),
      bytes.length - 70,
      bytes.length - 1,
    ];
    for (const at of positions) {
      const flipped = Buffer.from(bytes);
      flipped[at] = (flipped[at] ?? 0) ^ 0x04;
      await expectRefused(receiver.core, flipped, 'tampered');
    }
  });

  it('refuses a truncated bundle', async () => {
    const { receiver, bytes } = await pair();
    for (const length of [magic.length + 2, 40, bytes.length - 200, bytes.length - 1]) {
      await expectRefused(receiver.core, bytes.subarray(0, length), 'truncated');
    }
    await expectRefused(receiver.core, Buffer.concat([bytes, Buffer.from([0])]), 'tampered');
  });

  it('refuses the wrong passphrase', async () => {
    const { receiver, bytes } = await pair();
    await expectRefused(receiver.core, bytes, 'wrong_passphrase', { passphrase: 'kiosks of another workshop' });
  });

  it('refuses a bundle of another event than the one it is imported into', async () => {
    const { receiver, bytes } = await pair();
    const other = await ok(receiver.core, 'event.create', { ...nairobi, title: 'Another workshop' });
    await expectRefused(receiver.core, bytes, 'wrong_event', { eventId: other.id });
  });

  it('refuses a change of another event hidden in a properly signed and encrypted bundle', async () => {
    const { sender, receiver, eventId } = await pair();
    const foreign = {
      format: 1,
      eventId,
      changes: [
        {
          hlc: sender.core.ctx.clock.now(),
          entity: 'session',
          id: randomUUID(),
          fields: { event_id: randomUUID(), name: 'Intruder', date: '2023-09-12' },
        },
      ],
    };
    await expectRefused(receiver.core, await sealed(sender.core, eventId, JSON.stringify(foreign)), 'wrong_event');
  });

  it('refuses an unknown format, and a file that is not a bundle', async () => {
    const { receiver, bytes } = await pair();
    const newer = Buffer.from(bytes);
    newer[magic.length] = 2;
    await expectRefused(receiver.core, newer, 'unknown_format');
    await expectRefused(receiver.core, Buffer.from('First name,Last name\nAmina,Otieno\n'), 'unknown_format');
    await expectRefused(receiver.core, Buffer.alloc(0), 'unknown_format');
  });

  it('refuses an oversized file and a body that unpacks beyond the cap (zip bomb)', async () => {
    const { sender, receiver, eventId, bytes } = await pair();
    await expectRefused(receiver.core, bytes, 'too_large', { limits: { ...syncLimits, fileBytes: bytes.length - 1 } });
    const bomb = JSON.stringify({ format: 1, eventId, changes: [], padding: ' '.repeat(4 * 1024 * 1024) });
    const file = await sealed(sender.core, eventId, bomb);
    expect(file.length).toBeLessThan(64 * 1024);
    await expectRefused(receiver.core, file, 'too_large', { limits: { ...syncLimits, unpackedBytes: 1024 * 1024 } });
  });

  it('refuses a change this Muster cannot apply (unknown record kind or field), whole', async () => {
    const { sender, receiver, eventId } = await pair();
    const hlc = sender.core.ctx.clock.now();
    for (const change of [
      { hlc, entity: 'payment', id: randomUUID(), fields: {} },
      { hlc, entity: 'participant', id: randomUUID(), fields: { 'family_name = 1; --': 'x' } },
      { hlc: 'yesterday', entity: 'participant', id: randomUUID(), fields: {} },
    ]) {
      const body = JSON.stringify({ format: 1, eventId, changes: [change] });
      await expectRefused(receiver.core, await sealed(sender.core, eventId, body), 'invalid_change');
    }
  });

  it('refuses, whole, a value a newer Muster may write (a gender, category or check-in kind it adds)', async () => {
    const { sender, receiver, eventId } = await pair();
    const person = await addPerson(receiver.core, eventId, 'Wanjiru');
    const session = (await ok(receiver.core, 'event.get', { id: eventId })).sessions[0]!.id;
    const edits = [
      { entity: 'participant', id: person.participant.id, fields: { gender: 'nonbinary' } },
      { entity: 'registration', id: person.registration.id, fields: { category: 'donor' } },
      { entity: 'registration', id: person.registration.id, fields: { status: 'waitlisted' } },
      { entity: 'participant', id: person.participant.id, fields: { country: 'XK1' } },
      { entity: 'checkin', id: randomUUID(), fields: { kind: 'in' } },
      { entity: 'event', id: eventId, fields: { languages: '["de"]' } },
      { entity: 'event', id: eventId, fields: { end_date: '2023-02-30' } },
      { entity: 'session', id: session, fields: { date: '12/09/2023' } },
      { entity: 'session', id: session, fields: { start_time: '9am' } },
    ];
    for (const edit of edits) {
      const body = JSON.stringify({ format: 1, eventId, changes: [{ hlc: sender.core.ctx.clock.now(), ...edit }] });
      await expectRefused(receiver.core, await sealed(sender.core, eventId, body), 'invalid_change');
    }
    // The person and the event still read: before, the value landed and every read failed as an internal error.
    expect((await ok(receiver.core, 'event.get', { id: eventId })).sessions[0]!.date).toBe('2023-09-12');
    expect((await ok(receiver.core, 'participant.get', { id: person.participant.id })).participant.gender).toBe(
      'female',
    );
    const stated = { hlc: sender.core.ctx.clock.now(), entity: 'participant', id: person.participant.id };
    const body = JSON.stringify({ format: 1, eventId, changes: [{ ...stated, fields: { gender: 'not_stated' } }] });
    await importBundle(receiver.core.ctx, await sealed(sender.core, eventId, body), { passphrase });
    expect((await ok(receiver.core, 'participant.get', { id: person.participant.id })).participant.gender).toBe(
      'not_stated',
    );
  });

  it('refuses a file that follows one not yet imported, saying so, and takes both in order', async () => {
    const a = replica(0);
    const b = replica(0);
    const { eventId } = await seedEvent(a.core);
    await deliver(a.core, b.core, eventId);
    // Two files made on one kiosk during the day, each since the state the previous one left (`--since`).
    const morning = eventState(b.core.ctx.db, eventId).vector;
    a.setTime(1_000);
    const person = await addPerson(a.core, eventId, 'Otieno');
    const first = await exportBundle(a.core.ctx, { eventId, passphrase, since: morning });
    const noon = eventState(a.core.ctx.db, eventId).vector;
    a.setTime(2_000);
    await ok(a.core, 'participant.update', { id: person.participant.id, changes: { jobTitle: 'Inspector' } });
    const second = await exportBundle(a.core.ctx, { eventId, passphrase, since: noon });

    const before = dump(b.core);
    const error = await refused(b.core, 'sync.import', { data: second.bytes.toString('base64'), passphrase });
    expect(error).toMatchObject({ code: 'sync_refused', details: { sync: 'missing_earlier' } });
    expect(error.message).toMatch(/earlier file/);
    expect(dump(b.core)).toBe(before);

    await ok(b.core, 'sync.import', { data: first.bytes.toString('base64'), passphrase });
    await ok(b.core, 'sync.import', { data: second.bytes.toString('base64'), passphrase });
    expect((await ok(b.core, 'participant.get', { id: person.participant.id })).participant.jobTitle).toBe('Inspector');
    expect(eventState(b.core.ctx.db, eventId).digest).toBe(eventState(a.core.ctx.db, eventId).digest);
  });

  it('refuses a hand-made check-in of a registration that does not exist, as a typed refusal', async () => {
    const { sender, receiver, eventId } = await pair();
    const session = (await ok(receiver.core, 'event.get', { id: eventId })).sessions[0]!.id;
    const checkin = {
      hlc: sender.core.ctx.clock.now(),
      entity: 'checkin',
      id: randomUUID(),
      fields: {
        kind: 'check_in',
        registration_id: randomUUID(),
        session_id: session,
        method: 'manual',
        device_id: sender.core.ctx.device,
        at: new Date().toISOString(),
      },
    };
    const body = JSON.stringify({ format: 1, eventId, changes: [checkin] });
    await expectRefused(receiver.core, await sealed(sender.core, eventId, body), 'missing_earlier');
  });

  it('signs as the same device after a restore from a backup taken before its first sync', async () => {
    const a = replica(0);
    const b = replica(0);
    const { eventId } = await seedEvent(a.core);
    // The start-up backup of the day, then the first sync (which makes the device's signing key).
    const backup = await ok(a.core, 'backup.create', {});
    await deliver(a.core, b.core, eventId);
    await ok(a.core, 'backup.restore', { name: backup.name });
    a.setTime(60_000);
    const person = await addPerson(a.core, eventId, 'Otieno');
    // Before, the restored kiosk made a new key under its old id and every peer refused it as tampered, for good.
    await deliver(a.core, b.core, eventId);
    expect((await ok(b.core, 'participant.get', { id: person.participant.id })).participant.familyName).toBe('Otieno');
  });

  it('refuses a bundle that claims a known device but is signed by another key', async () => {
    const { sender, receiver, eventId } = await pair();
    // The receiver has seen the sender's key (the first delivery); a forger signs with its own.
    const forger = generateKeyPairSync('ed25519');
    const file = await seal({
      eventId,
      device: sender.core.ctx.device,
      publicKey: forger.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
      passphrase,
      json: JSON.stringify({ format: 1, eventId, changes: [] }),
      now: new Date(),
      sign: (bytes) => signBytes(forger.privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'), bytes),
    });
    await expectRefused(receiver.core, file, 'tampered');
  });

  it('refuses whole, with conflict, a bundle giving a check-in code already used here by another person', async () => {
    const a = replica(0);
    const b = replica(0);
    const { eventId } = await seedEvent(a.core);
    await deliver(a.core, b.core, eventId);
    await addPerson(a.core, eventId, 'Otieno', { code: 'K7M29QXD' });
    await addPerson(a.core, eventId, 'Begić');
    await addPerson(b.core, eventId, 'Kamau', { code: 'K7M29QXD' });
    const { bytes } = await exportBundle(a.core.ctx, { eventId, passphrase });
    const before = dump(b.core);
    const error = await refusal(importBundle(b.core.ctx, bytes, { passphrase }));
    expect(error.code).toBe('conflict');
    // Which code, and what to do, rather than SQLite's words for its index.
    expect((error as { message?: string }).message).toMatch(
      /^Check-in code K7M2-9QXD was given to one person here and to another in the sync file .*reissue that badge/,
    );
    expect(dump(b.core)).toBe(before);
  });

  it('answers refusals through the contract with the sync_refused code', async () => {
    const { receiver, bytes, eventId } = await pair();
    const flipped = Buffer.from(bytes);
    flipped[flipped.length - 10] = (flipped[flipped.length - 10] ?? 0) ^ 1;
    const error = await refused(receiver.core, 'sync.import', {
      data: flipped.toString('base64'),
      passphrase,
      eventId,
    });
    expect(error).toMatchObject({ code: 'sync_refused', details: { sync: 'tampered' } });
    const exported = await ok(receiver.core, 'sync.export', { eventId, passphrase });
    expect(exported.fileName).toMatch(/\.mustersync$/);
    const imported = await ok(receiver.core, 'sync.import', { data: exported.data, passphrase });
    expect(imported).toMatchObject({ applied: 0, from: receiver.core.ctx.device });
  });

  it('reports progress of an import checked on a worker thread, and of a refusal', async () => {
    const { sender, receiver, bytes, eventId } = await pair();
    const phases: { phase: string; done: number; total: number }[] = [];
    const opened = await openBundle({ bytes, passphrase, limits: syncLimits }, (p) => phases.push(p));
    expect(phases[0]?.phase).toBe('verifying');
    expect(phases.at(-1)).toEqual({ phase: 'checking', done: opened.rows.length, total: opened.rows.length });

    const jobId = randomUUID();
    const data = bytes.toString('base64');
    const imported = await ok(receiver.core, 'sync.import', { data, passphrase, eventId, jobId });
    expect(imported.digest).toBe(eventState(sender.core.ctx.db, eventId).digest);
    expect(await ok(receiver.core, 'sync.progress', { jobId })).toEqual({
      jobId,
      phase: 'done',
      done: imported.received,
      total: imported.received,
      error: null,
    });
    const failed = randomUUID();
    await refused(receiver.core, 'sync.import', { data, passphrase: 'not the passphrase', jobId: failed });
    expect(await ok(receiver.core, 'sync.progress', { jobId: failed })).toMatchObject({
      phase: 'failed',
      error: { code: 'sync_refused' },
    });
    expect((await refused(receiver.core, 'sync.progress', { jobId: randomUUID() })).code).toBe('not_found');
  });
});

/** A bundle sealed and signed by `core` around any body, as a buggy or hostile peer holding the passphrase could. */
async function sealed(core: Core, eventId: string, json: string): Promise<Buffer> {
  const key = deviceKey(core.ctx.db, core.ctx.device, new Date());
  return seal({
    eventId,
    device: core.ctx.device,
    publicKey: key.publicKey,
    passphrase,
    json,
    now: new Date(),
    sign: (bytes) => signBytes(key.privateKey, bytes),
  });
}
