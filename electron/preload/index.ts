import { contextBridge, ipcRenderer } from 'electron';
import { ipcChannel, methodNames, type MethodName, type MusterApi } from '../core/api/contract';

/**
 * The whole bridge between the page and the main process: one function per contract method, each a call on the one
 * channel. The page never sees ipcRenderer or a channel name it could choose, so even a compromised page can only
 * make calls the contract knows, and the main process still checks every input.
 */
export function createApi(invoke: (method: MethodName, input: unknown) => Promise<unknown>): MusterApi {
  const api: Partial<Record<MethodName, (input: unknown) => Promise<unknown>>> = {};
  for (const method of methodNames) api[method] = (input) => invoke(method, input);
  return Object.freeze(api) as MusterApi;
}

contextBridge.exposeInMainWorld(
  'muster',
  createApi((method, input) => ipcRenderer.invoke(ipcChannel, method, input)),
);
