import type { MusterApi } from '../../../electron/core/api/contract';

declare global {
  interface Window {
    /** Exposed by the Electron preload (one function per contract method); absent in browser mode. */
    muster?: MusterApi;
  }
}
