import { randomUUID } from 'node:crypto';
import type { Handlers } from '../api/handler';
import { verifyAudit } from './chain';
import { runInWorker } from '../jobs/worker-host';
import { allAudit, listAudit } from './query';

export const auditHandlers = {
  'audit.list': (ctx, input) => listAudit(ctx.db, input, { beforeSeq: input.beforeSeq, limit: input.limit }),
  'audit.verify': (ctx) => verifyAudit(ctx.db),
  'audit.export': async (ctx, input) => {
    const entries = allAudit(ctx.db, input);
    const bytes = await runInWorker('audit.csv', entries).result;
    const day = ctx.now().toISOString().slice(0, 10);
    return {
      jobId: randomUUID(),
      fileName: `muster-audit-${ctx.device}-${day}.csv`,
      mediaType: 'text/csv',
      data: Buffer.from(bytes).toString('base64'),
      bytes: bytes.length,
      rows: entries.length,
      pages: null,
    };
  },
} satisfies Partial<Handlers>;
