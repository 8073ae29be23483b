import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ipcChannel, methodNames } from '../../../electron/core/api/contract';
import type { electronModule } from './electron-stand-in';

vi.mock('electron', async () => (await import('./electron-stand-in')).electronModule);

type Electron = typeof electronModule;
let electron: Electron;

beforeEach(async () => {
  vi.resetModules();
  electron = (await import('electron')) as unknown as Electron;
  electron.resetStandIn();
  await import('../../../electron/preload/index');
});

function exposedApi(): Record<string, unknown> {
  expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledOnce();
  expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledWith('muster', expect.anything());
  return electron.contextBridge.exposed.get('muster') as Record<string, unknown>;
}

describe('the preload', () => {
  it('exposes one function per contract method and nothing else', () => {
    const api = exposedApi();
    expect(Object.getOwnPropertyNames(api).sort()).toEqual([...methodNames].sort());
    expect(Object.getOwnPropertySymbols(api)).toEqual([]);
    expect(Object.getPrototypeOf(api)).toBe(Object.prototype);
    for (const method of methodNames) expect(typeof api[method], method).toBe('function');
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('turns each call into one invoke on the contract channel, and hands back its answer', async () => {
    const api = exposedApi();
    const input = { id: '0b6e8a8e-3b1c-4b7e-9a39-2f0d6d9a4f11' };
    const get = api['event.get'] as (input: unknown) => Promise<unknown>;
    await expect(get(input)).resolves.toEqual({ ok: true, value: 'from main' });
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith(ipcChannel, 'event.get', input);
  });

  it('sends each method under its own name', async () => {
    const api = exposedApi();
    for (const method of methodNames) await (api[method] as (input: unknown) => Promise<unknown>)({});
    expect(electron.ipcRenderer.invoke.mock.calls.map((call) => call[1])).toEqual(methodNames);
    expect(new Set(electron.ipcRenderer.invoke.mock.calls.map((call) => call[0]))).toEqual(new Set([ipcChannel]));
  });
});
