import type { Handlers } from '../api/handler';
import { latestVersion } from '../db/migrate';
import { appVersion } from './version';

export const systemHandlers = {
  'system.ping': () => ({ ok: true as const }),
  'system.info': (ctx) => ({ version: appVersion, device: ctx.device, schemaVersion: latestVersion }),
} satisfies Partial<Handlers>;
