import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { attendedEvent, exported, type AttendedEvent } from './setup';
import { pdfImages } from './readers';

// Hoisted above the imports, so the factory loads the shared test PNG itself (a module with no app imports).
vi.mock('../../../electron/core/exports/signatures', async () => {
  const { strokePng } = await import('../../fixtures/png');
  return { signatureFor: () => strokePng(60, 20) };
});

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
