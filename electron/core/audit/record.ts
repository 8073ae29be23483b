import type { MethodName } from '../api/contract';
import type { Caller } from '../access/session';
import type { Context } from '../context';
import { appendAudit } from './chain';

const idKey = /^(id|[a-zA-Z]+Id)$/;
const idValue = /^[A-Za-z0-9_-]{1,64}$/;
const maxFields = 20;

/**
 * The ids an action touched, from its input and its answer: fields named `id` or `…Id` whose value looks like an
 * id, at the top level and one level down (`participant.id`). Only ids pass this filter, never names, emails or
 * free text, so the trail itself holds no one's personal data.
 */
export function auditIds(input: unknown, output: unknown): Record<string, string> {
  const ids: Record<string, string> = {};
  const collect = (value: unknown, prefix: string, depth: number) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
    for (const [key, field] of Object.entries(value)) {
      if (Object.keys(ids).length >= maxFields) return;
      const name = prefix ? `${prefix}.${key}` : key;
      if (typeof field === 'string' && idKey.test(key) && idValue.test(field)) ids[name] ??= field;
      else if (depth > 0) collect(field, name, depth - 1);
    }
  };
  collect(input, '', 1);
  collect(output, 'result', 1);
  return ids;
}

/**
 * How many: the whole numbers an answer reports (rows exported, people added, changes applied), one level deep. A
 * bare list (what a task's commit may return, such as the people a retention run erased) counts as `count`.
 */
export function auditCounts(output: unknown): Record<string, number> {
  if (Array.isArray(output)) return { count: output.length };
  const counts: Record<string, number> = {};
  const collect = (value: unknown, prefix: string, depth: number) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
    for (const [key, field] of Object.entries(value)) {
      if (Object.keys(counts).length >= maxFields) return;
      const name = prefix ? `${prefix}.${key}` : key;
      if (typeof field === 'number' && Number.isInteger(field)) counts[name] = field;
      else if (Array.isArray(field)) counts[name] = field.length;
      else if (depth > 0) collect(field, name, depth - 1);
    }
  };
  collect(output, '', 1);
  return counts;
}

/** The attendee at a kiosk, or anyone at a screen where no one signed in. */
export const kioskActor = { actor: 'kiosk', role: 'kiosk' } as const;

/** Who the caller is, as the trail names them: a member's id, the command line, or the kiosk (no one signed in). */
export function auditActor(caller: Caller): { actor: string; role: string } {
  const member = caller.session.member;
  return member ? { actor: member.id, role: member.role } : kioskActor;
}

/** The device acting on its own: automatic backups, scheduled retention, the background hub sync. */
export const systemActor = { actor: 'system', role: 'system' } as const;

/** What an entry can say was done: a contract method, its refusal, or a hub sync round (no method runs it). */
export type AuditAction = MethodName | `${MethodName}.refused` | 'sync.hub.round';

/** Records one action; call inside the transaction that made it. */
export function recordAction(
  ctx: Context,
  who: { actor: string; role: string },
  action: AuditAction,
  input: unknown,
  output: unknown,
): void {
  appendAudit(ctx.db, {
    at: ctx.now().toISOString(),
    device: ctx.device,
    ...who,
    action,
    ids: auditIds(input, output),
    counts: auditCounts(output),
  });
}
