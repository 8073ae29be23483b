import { randomUUID } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import type { Input } from '../../../electron/core/api/contract';
import type { Core } from '../../../electron/core/context';
import { nairobi, ok } from '../helpers';

/** A small real PNG (a diagonal stroke), built by hand so the tests need no image library. */
export function strokePng(width = 120, height = 40): Buffer {
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
  header[8] = 8;
  header[9] = 0;
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

export const person = {
  honorific: '',
  givenNames: 'Amina',
  familyName: 'Otieno',
  gender: 'female',
  country: 'KE',
  organisation: 'National Police Service',
  organisationType: 'law_enforcement',
  email: 'amina.otieno@example.org',
  phone: '+254 712 345 678',
  category: 'partner_state_delegate',
} as const;

export async function register(core: Core, eventId: string, fields: Partial<Input<'participant.create'>> = {}) {
  return ok(core, 'participant.create', { ...person, eventId, ...fields } as Input<'participant.create'>);
}

/** An event with a kiosk running on its first session (PIN 2468), as staff would start it from the desk. */
export async function kioskEvent(core: Core, settings: Partial<Input<'event.create'>> = {}) {
  const event = await ok(core, 'event.create', { ...nairobi, ...settings });
  const session = event.sessions[0]!;
  await ok(core, 'kiosk.enter', { sessionId: session.id, pin: '2468', idleSeconds: 5 });
  return { event, session };
}

export const nonce = () => randomUUID();
