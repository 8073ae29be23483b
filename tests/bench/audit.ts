import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { newSession, sessionCaller } from '../../electron/core/access/session';
import { dispatch } from '../../electron/core/api/dispatch';
import { appendAudit, verifyAudit } from '../../electron/core/audit/chain';
import { openCore } from '../../electron/core/context';
import { writeTransaction } from '../../electron/core/db/transaction';
import { generateRoster, loadRoster } from '../fixtures/roster';
import { compare, measure, type Row, type Suite } from './harness';
import { nairobi } from '../fixtures/workshop';

/**
 * What roles and the audit trail cost a check-in at the desk (the sign-in check before it, the chained entry in its
 * transaction), and how long the chain takes to check and to filter once it is long.
 */
export const auditSuite: Suite = {
  name: 'audit',
  async run(): Promise<Row[]> {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'muster-bench-'));
    try {
      const core = openCore(path.join(dir, 'muster.sqlite'));
      const { ctx } = core;
      const signedIn = sessionCaller(newSession());
      const set = await dispatch(
        ctx,
        'access.setup',
        { name: 'Bench admin', passphrase: 'bench passphrase' },
        signedIn,
      );
      if (!set.ok) throw new Error(set.error.message);
      const created = await dispatch(ctx, 'event.create', nairobi);
      if (!created.ok) throw new Error(created.error.message);
      const { id: eventId, sessions } = created.value as { id: string; sessions: { id: string }[] };
      const sessionId = sessions[0]?.id ?? '';
      const registrations = loadRoster(ctx, eventId, generateRoster(2000, 7)).registrationIds;

      // A check-in as a signed-in session: the door's checks, the check-in, its change and its audit entry.
      const checkIn = await measure(1000, (i) =>
        dispatch(
          ctx,
          'checkin.create',
          { id: randomUUID(), sessionId, registrationId: registrations[i + 50] ?? '', method: 'search' },
          signedIn,
        ),
      );
      // The floor for the entry alone: one chained append in its own durable transaction.
      const facts = { device: ctx.device, actor: 'bench', role: 'staff', action: 'checkin.create', counts: {} };
      const append = await measure(1000, () =>
        writeTransaction(ctx.db, () =>
          appendAudit(ctx.db, { ...facts, at: new Date().toISOString(), ids: { id: randomUUID() } }),
        ),
      );
      // A long trail: 20,000 more entries, then verify all of it and read one actor's newest page.
      writeTransaction(ctx.db, () => {
        for (let i = 0; i < 20_000; i++) {
          appendAudit(ctx.db, {
            ...facts,
            actor: `actor-${i % 20}`,
            at: new Date().toISOString(),
            ids: { id: `${i}` },
          });
        }
      });
      const start = performance.now();
      const verified = verifyAudit(ctx.db);
      const verifyMs = performance.now() - start;
      if (!verified.intact) throw new Error('the bench chain is broken');
      const list = await measure(200, () => dispatch(ctx, 'audit.list', { actor: 'actor-7', limit: 100 }));
      core.close();
      return [
        compare('audit', 'check-in as a signed-in session vs one audit append', 'p50', checkIn, append),
        {
          suite: 'audit',
          case: `verify ${verified.entries} chained entries`,
          metric: 'total',
          value: verifyMs,
          unit: 'ms',
        },
        {
          suite: 'audit',
          case: 'one actor’s newest 100 of 22,000 entries',
          metric: 'p50',
          value: list.p50,
          unit: 'ms',
        },
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
