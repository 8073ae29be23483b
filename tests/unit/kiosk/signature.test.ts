import { randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { signatureFor } from '../../../electron/core/exports/signatures';
import { signatureProblem } from '../../../electron/core/kiosk/png';
import { dot, scaled, signatureImage, strayTap, twoStrokes } from '../../fixtures/signature-png';
import { changeCount, refused, ok, tempCore } from '../helpers';
import { kioskEvent, nonce, register } from './people';

/** The PNG with one chunk's data changed and its checksum made right again, so only what the chunk says is wrong. */
function withChunk(png: Buffer, type: string, change: (data: Buffer) => void): Buffer {
  const out = Buffer.from(png);
  let at = 8;
  while (at < out.length) {
    const length = out.readUInt32BE(at);
    if (out.toString('latin1', at + 4, at + 8) === type) {
      change(out.subarray(at + 8, at + 8 + length));
      out.writeUInt32BE(crc32(out.subarray(at + 4, at + 8 + length)), at + 8 + length);
      return out;
    }
    at += 12 + length;
  }
  throw new Error(`No ${type} chunk.`);
}

const scribble = signatureImage({ strokes: twoStrokes });
const garbage = Buffer.from('This is a note, not an image: somebody pasted text where the drawing goes.');

describe('what counts as a signature', () => {
  it('takes two short strokes, on a transparent or a white box, at the kiosk’s size, halved or doubled', () => {
    expect(signatureProblem(scribble)).toBeNull();
    expect(signatureProblem(signatureImage({ strokes: twoStrokes, background: 'white' }))).toBeNull();
    // The thinnest pen the kiosk draws with.
    expect(signatureProblem(signatureImage({ strokes: twoStrokes, radius: 1 }))).toBeNull();
    const half = signatureImage({ width: 300, height: 100, strokes: scaled(twoStrokes, 0.5), radius: 0.9 });
    expect(signatureProblem(half)).toBeNull();
    const double = { width: 1200, height: 400, strokes: scaled(twoStrokes, 2), radius: 3.5 };
    expect(signatureProblem(signatureImage(double))).toBeNull();
    expect(signatureProblem(signatureImage({ ...double, width: 1201 }))).toBe('tooLarge');
    expect(signatureProblem(signatureImage({ ...double, height: 401 }))).toBe('tooLarge');
  });

  it('calls an empty box, a dot or a stray tap blank, whatever the background', () => {
    for (const background of ['transparent', 'white'] as const) {
      expect(signatureProblem(signatureImage({ background }))).toBe('blank');
      expect(signatureProblem(signatureImage({ background, strokes: dot }))).toBe('blank');
      expect(signatureProblem(signatureImage({ background, strokes: strayTap, radius: 2.5 }))).toBe('blank');
    }
    // A box filled with one colour is no more a signature than an empty one.
    expect(signatureProblem(signatureImage({ strokes: dot, radius: 1000 }))).toBe('blank');
  });

  it('tells apart bytes that are not a PNG, a PNG that does not decode, and one larger than a signature box', () => {
    expect(signatureProblem(garbage)).toBe('notPng');
    // A PNG's first bytes followed by anything else.
    expect(signatureProblem(Buffer.concat([scribble.subarray(0, 8), garbage]))).toBe('notPng');
    // Well-formed chunks, but the compressed image inside is damaged.
    const damaged = withChunk(scribble, 'IDAT', (data) => data.fill(0x5a, 2, 40));
    expect(signatureProblem(damaged)).toBe('undecodable');
    // Bytes altered without fixing the checksum.
    const flipped = Buffer.from(scribble);
    flipped[60] = flipped[60]! ^ 0xff;
    expect(signatureProblem(flipped)).toBe('undecodable');
    expect(signatureProblem(signatureImage({ width: 3000, height: 1000, strokes: twoStrokes }))).toBe('tooLarge');
    // Within the box but over the 48 KiB a signature may weigh (noise does not compress), as a peer's bundle could hold.
    const noisy = new PNG({ width: 400, height: 150 });
    noisy.data.set(randomBytes(noisy.data.length));
    expect(signatureProblem(PNG.sync.write(noisy))).toBe('tooLarge');
    // A header claiming 100,000 × 100,000 pixels is refused before anything is inflated.
    const claimed = withChunk(scribble, 'IHDR', (data) => {
      data.writeUInt32BE(100_000, 0);
      data.writeUInt32BE(100_000, 4);
    });
    expect(signatureProblem(claimed)).toBe('tooLarge');
  });
});

describe('the kiosk refuses a signature that is not a real one', () => {
  it('answers invalid_input naming the signature, and writes no check-in, no signature and no change', async () => {
    const core = tempCore();
    const { event } = await kioskEvent(core, { signatureRequired: true });
    const { registration } = await register(core, event.id);
    const base = { registrationId: registration.id, method: 'search' as const };
    const before = changeCount(core);
    const cases: [string, Buffer, string, RegExp][] = [
      ['blank transparent', signatureImage(), 'signatureBlank', /blank/],
      ['blank white', signatureImage({ background: 'white' }), 'signatureBlank', /blank/],
      ['a dot', signatureImage({ strokes: dot }), 'signatureBlank', /blank or only a dot/],
      ['garbage', garbage, 'signatureNotPng', /PNG/],
      ['PNG bytes then garbage', Buffer.concat([scribble.subarray(0, 8), garbage]), 'signatureNotPng', /PNG/],
      ['damaged', withChunk(scribble, 'IDAT', (data) => data.fill(0x5a, 2, 40)), 'signatureNotPng', /damaged/],
      [
        'huge',
        signatureImage({ width: 3000, height: 1000, strokes: twoStrokes }),
        'signatureTooLarge',
        /at most 1200 × 400 pixels and 48 KiB/,
      ],
    ];
    for (const [what, png, key, message] of cases) {
      const id = nonce();
      const error = await refused(core, 'kiosk.checkIn', { ...base, id, signature: png.toString('base64') });
      expect({ what, code: error.code, issue: error.issues?.[0] }).toMatchObject({
        what,
        code: 'invalid_input',
        issue: { path: ['signature'], key },
      });
      expect(error.message, what).toMatch(message);
      expect(error.message, what).toMatch(/signature/i);
      expect(core.ctx.db.prepare('SELECT count(*) FROM checkins WHERE id = ?').pluck().get(id), what).toBe(0);
    }
    expect(core.ctx.db.prepare('SELECT count(*) FROM checkins').pluck().get()).toBe(0);
    expect(core.ctx.db.prepare('SELECT count(*) FROM signatures').pluck().get()).toBe(0);
    expect(changeCount(core)).toBe(before);

    // The person then signs properly: checked in, and the sign-in sheet gets exactly what they drew.
    const id = nonce();
    const done = await ok(core, 'kiosk.checkIn', { ...base, id, signature: scribble.toString('base64') });
    expect(done).toMatchObject({ checkInId: id, signatureStored: true });
    expect(Buffer.from(signatureFor(core.ctx.db, id)!)).toEqual(scribble);
  });

  it('refuses a blank signature even when the event asks for none', async () => {
    const core = tempCore();
    const { event } = await kioskEvent(core);
    const { registration } = await register(core, event.id);
    const error = await refused(core, 'kiosk.checkIn', {
      id: nonce(),
      registrationId: registration.id,
      method: 'qr',
      signature: signatureImage({ strokes: strayTap, radius: 2.5 }).toString('base64'),
    });
    expect(error.issues?.[0]?.key).toBe('signatureBlank');
    expect(core.ctx.db.prepare('SELECT count(*) FROM checkins').pluck().get()).toBe(0);
  });
});
