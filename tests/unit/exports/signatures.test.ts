import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { attendedEvent, exported, type AttendedEvent } from './setup';
import { pdfImages } from './readers';

/** A tiny PNG (a signature stroke), built by hand so the test needs no image library. */
function png(width: number, height: number): Uint8Array {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const b of bytes) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  const rows = Buffer.alloc((width + 1) * height, 255);
  for (let y = 0; y < height; y++) {
    rows[y * (width + 1)] = 0;
    rows[y * (width + 1) + 1 + Math.floor((y / height) * width)] = 0;
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

vi.mock('../../../electron/core/exports/signatures', () => ({ signatureFor: () => png(60, 20) }));

let attended: AttendedEvent;
beforeAll(async () => {
  attended = await attendedEvent(10);
}, 60_000);
afterAll(() => attended.close());

describe('signatures on sign-in sheets', () => {
  it('draws the signature captured at check-in in the person’s box (the hook issue 5 fills)', async () => {
    const { core, event } = attended;
    const { bytes } = await exported(core, {
      eventId: event.id,
      format: 'signin-pdf',
      sessionId: event.sessions[0]!.id,
    });
    expect(pdfImages(bytes)).toBe(attended.attended[0]!.size);
  });
});
