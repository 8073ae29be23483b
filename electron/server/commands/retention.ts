import { parseArgs } from 'node:util';
import { backupScrubSettled } from '../../core/erasure/backups';
import { call, dataOptions, print, table, UsageError, withData } from './common';

const usage = 'muster retention run|status [--data DIR] [--json]';

/**
 * Retention by hand: `run` erases now what the app would erase at its next start or daily check; `status` shows
 * each event's period, until when its people's data is kept, and how many still have data held.
 */
export async function retentionCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args, options: dataOptions, allowPositionals: true, strict: true });
  const [action, ...rest] = positionals;
  if (rest.length) throw new UsageError(`Unexpected ${rest.join(' ')}. Usage: ${usage}`);
  await withData(values.data, async (core) => {
    if (action === 'run') {
      const run = await call(core, 'retention.run', {});
      // The older backups are rewritten without those people before the store closes (erasure/backups.ts).
      await backupScrubSettled(core.ctx);
      print(run, values.json, () =>
        run.participantIds.length
          ? `Erased the personal data of ${run.participantIds.length} people whose events' retention has passed.`
          : 'Nobody is due for erasure.',
      );
    } else if (action === 'status') {
      const status = await call(core, 'retention.status', {});
      print(status, values.json, () =>
        status.events.length
          ? table(
              ['event', 'ended', 'kept (days)', 'kept until', 'people with data'],
              status.events.map((e) => [
                e.title,
                e.endDate,
                e.retentionDays === null ? 'until erased by hand' : String(e.retentionDays),
                e.keepUntil === null ? '–' : `${e.keepUntil}${e.passed ? ' (passed)' : ''}`,
                String(e.peopleWithData),
              ]),
            )
          : 'No events yet.',
      );
    } else {
      throw new UsageError(`Usage: ${usage}`);
    }
  });
}
