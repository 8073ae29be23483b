import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Output } from '../../../electron/core/api/contract';
import { verifyBadge } from '../../../electron/core/badges/verify';
import { createIpcHandler, type IpcHandler } from '../../../electron/main/ipc';
import { signInWindow } from './sign-in';
import { badgeHtml, escapeHtml, printBadge, printOptions, qrSvg } from '../../../electron/main/print';
import { nairobi, ok, tempCore } from '../helpers';
import { StandInBrowserWindow } from './electron-stand-in';

vi.mock('electron', async () => (await import('./electron-stand-in')).electronModule);

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function printed(name: string) {
  const core = tempCore();
  const event = await ok(core, 'event.create', nairobi);
  const { registration } = await ok(core, 'participant.create', {
    eventId: event.id,
    givenNames: '',
    familyName: name,
    gender: 'female',
    country: 'JO',
    organisation: 'Public Security <Directorate>',
    organisationType: 'law_enforcement',
    category: 'embassy',
  });
  const value = await ok(core, 'badge.print', {
    id: randomUUID(),
    registrationId: registration.id,
    layout: '4x3',
    printer: 'Zebra ZD421',
  });
  return { core, event, registration, value };
}

describe('printing a badge from the shell', () => {
  it('prints silently to the chosen printer from a hidden, script-less window, then closes it', async () => {
    const { value } = await printed('العلي');
    StandInBrowserWindow.created = [];
    await expect(printBadge(value)).resolves.toBe(true);
    const [window] = StandInBrowserWindow.created;
    expect(window?.options).toMatchObject({ show: false, webPreferences: { javascript: false, sandbox: true } });
    expect(window?.loadedUrl?.startsWith('data:text/html;charset=utf-8,')).toBe(true);
    expect(decodeURIComponent(window!.loadedUrl!.slice('data:text/html;charset=utf-8,'.length))).toContain('العلي');
    expect(window?.webContents.printed).toEqual([
      { silent: true, printBackground: true, color: true, margins: { marginType: 'none' }, deviceName: 'Zebra ZD421' },
    ]);
    expect(window?.destroyed).toBe(true);
  });

  it('uses the system default printer when none is named, and reports a failed print without throwing', async () => {
    expect(printOptions('')).not.toHaveProperty('deviceName');
    const { value } = await printed('Otieno');
    StandInBrowserWindow.created = [];
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const printing = printBadge(value);
    const [window] = StandInBrowserWindow.created;
    window!.webContents.printSucceeds = false;
    await expect(printing).resolves.toBe(false);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('Printer is offline'));
    expect(window?.destroyed).toBe(true);
  });

  it('is what the IPC door runs after badge.print commits, and only then', async () => {
    const { core, registration } = await printed('Otieno');
    const effect = vi.fn((value: Output<'badge.print'>) => void printBadge(value));
    const handler: IpcHandler = createIpcHandler(core.ctx, { 'badge.print': effect });
    const frame = {
      sender: {},
      senderFrame: { url: 'app://muster/', parent: null },
    } as unknown as Parameters<IpcHandler>[0];
    await signInWindow(handler, frame);
    const answer = await handler(frame, 'badge.print', {
      id: randomUUID(),
      registrationId: registration.id,
      layout: 'a6',
      printer: '',
    });
    expect(answer.ok).toBe(true);
    expect(effect).toHaveBeenCalledOnce();
    const refused = await handler(frame, 'badge.print', {
      id: randomUUID(),
      registrationId: randomUUID(),
      layout: 'a6',
    });
    expect(refused.ok).toBe(false);
    expect(effect).toHaveBeenCalledOnce();
  });

  it('shows names as text, never markup, with the category written on its band', async () => {
    const { value } = await printed('<img src=x onerror=alert(1)>');
    const html = badgeHtml(value.badge, value.layout);
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('Public Security &lt;Directorate&gt;');
    expect(html).toContain('>Embassy</div>');
    expect(html).toContain('@page { size: 4in 3in;');
    // Nothing to run and nothing to fetch: the page is self-contained.
    expect(html).not.toMatch(/<script|<[a-z]+[^>]*\s(src|href)=|url\(/);
    expect(escapeHtml(`"'&`)).toBe('&quot;&#39;&amp;');
  });

  it('draws a QR that a real reader decodes to a token that verifies', async () => {
    const { core, event, value } = await printed('Otieno');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'muster-qr-'));
    dirs.push(dir);
    writeFileSync(path.join(dir, 'qr.svg'), qrSvg(value.badge.token));
    execFileSync('convert', [
      '-density',
      '300',
      path.join(dir, 'qr.svg'),
      '-background',
      'white',
      '-flatten',
      path.join(dir, 'qr.png'),
    ]);
    const decoded = execFileSync('zbarimg', ['--raw', '-q', path.join(dir, 'qr.png')], { encoding: 'utf8' }).trim();
    expect(decoded).toBe(value.badge.token);
    expect(verifyBadge(core.ctx.db, event.id, decoded).id).toBe(value.registrationId);
    // badge.token gives the same token as badge.token.
    const codes = await ok(core, 'badge.token', { registrationId: value.registrationId });
    expect(codes.token).toBe(value.badge.token);
  });
});
