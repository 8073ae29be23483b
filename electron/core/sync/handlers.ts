import type { Handlers } from '../api/handler';
import { syncLimits } from './bundle';
import { exportBundle, importBundle, syncStatus } from './sync';

/** The file name a bundle is offered under: which event, which device, and when, so a stick of them sorts. */
function bundleName(eventId: string, device: string, at: Date): string {
  const stamp = at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `muster-sync-${eventId.slice(0, 8)}-${device}-${stamp}.mustersync`;
}

export const syncHandlers = {
  'sync.status': (ctx, input) => syncStatus(ctx, input.eventId),
  'sync.export': async (ctx, input) => {
    const bundle = await exportBundle(ctx, input);
    return {
      fileName: bundleName(input.eventId, ctx.device, ctx.now()),
      data: bundle.bytes.toString('base64'),
      bytes: bundle.bytes.length,
      changes: bundle.changes,
    };
  },
  'sync.import': async (ctx, input) => {
    const bytes = Buffer.from(input.data, 'base64');
    return importBundle(ctx, bytes, { passphrase: input.passphrase, eventId: input.eventId, limits: syncLimits });
  },
} satisfies Partial<Handlers>;
