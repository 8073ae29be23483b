import { admit, noteActivity } from '../access/gate';
import { onKioskSide } from '../access/roles';
import { commandLineCaller, type Caller } from '../access/session';
import { auditActor, kioskActor, recordAction } from '../audit/record';
import { noEntry, readsUntilItsEntry, TaskEntry, taskEntries, type TaskName } from '../audit/task';
import type { Context } from '../context';
import { storageFailure, storageMessages, storeBusy, storeBusyMessage } from '../db/store-error';
import { runWhenFree, whenWritable, withCommitScope, writeWhenFree } from '../db/transaction';
import { handlers as allHandlers } from '../handlers';
import { contract, isMethod, type MethodName, type MethodSpec } from './contract';
import { issuesFrom, MusterError, summarise, type ApiError, type Result } from './errors';
import type { Handlers } from './handler';

export type Dispatch = (method: string, input: unknown, caller: Caller) => Promise<Result<unknown>>;

/**
 * The one door into the core. Checks that the caller may call the method (access/roles.ts), validates the input
 * against the contract, runs the handler (mutations in one immediate transaction, tasks awaited without one),
 * records what changed in the audit trail, validates what goes back out, and answers with a Result.
 * Never throws, never leaks a stack.
 *
 * The transports pass the caller of their session (a window, a browser cookie). Left out, the caller is the
 * administrator at this machine's shell: the command line, the loaders and the unit tests that drive the core.
 */
export async function dispatch(
  ctx: Context,
  method: unknown,
  rawInput: unknown,
  caller: Caller = commandLineCaller(),
  handlers: Handlers = allHandlers,
): Promise<Result<unknown>> {
  if (!isMethod(method)) {
    return fail({ code: 'unknown_method', message: `There is no method called ${describe(method)}.` });
  }
  try {
    return { ok: true, value: await run(ctx, caller, method, rawInput, handlers) };
  } catch (error) {
    return fail(toApiError(error, method));
  }
}

async function run<M extends MethodName>(
  ctx: Context,
  caller: Caller,
  method: M,
  rawInput: unknown,
  handlers: Handlers,
): Promise<unknown> {
  const spec: MethodSpec = contract[method];
  admit(ctx, caller, method);
  const parsed = spec.input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    const issues = issuesFrom(parsed.error);
    throw new MusterError('invalid_input', summarise(issues), issues);
  }
  const handler = handlers[method] as (ctx: Context, input: unknown) => unknown;
  const callCtx: Context = { ...ctx, caller };
  // Signing out is recorded as the member who signed out; signing in as the member who signed in.
  const kioskSide = onKioskSide(method);
  const before = kioskSide ? kioskActor : auditActor(caller);
  const audit = (value: unknown) => {
    recordAction(ctx, before.role === 'kiosk' && !kioskSide ? auditActor(caller) : before, method, parsed.data, value);
    if (!kioskSide) noteActivity(ctx, caller);
  };
  // A task's awaits let other calls run in between, so it must not be inside a transaction: it opens its own, briefly.
  // Its entry joins the one that commits its work, or follows it (audit/task.ts says which, per task).
  // While an import is saved on a worker (imports/save.ts), anything that may write waits for it, off the event loop.
  if (spec.kind === 'task') {
    const when = taskEntries[method as TaskName];
    const opened = ctx.db;
    const entry = new TaskEntry(ctx.db, audit);
    const start = () => withCommitScope(when === 'commit' ? entry : noEntry, () => handler(callCtx, parsed.data));
    let value: unknown;
    try {
      // Started the moment the store is free, so a task that writes at once (an erasure) is not beaten to it; one
      // that only reads before its entry (an export) starts at once, and only the entry waits.
      value = spec.output.parse(
        await (readsUntilItsEntry.has(method as TaskName) ? start() : whenWritable(ctx.db, start)),
      );
    } finally {
      entry.close();
      // A restore reopens the database on the restored file (backups/backup.ts): every later call must use that one.
      // Only the restore's own call moves it: another task that ran alongside must not put the closed one back.
      if (callCtx.db !== opened) ctx.db = callCtx.db;
    }
    if (when !== 'self' && !entry.written) await writeWhenFree(ctx.db, () => audit(value));
    return value;
  }
  // A query that writes on first need (badge.token, for an event with no badge key yet) is refused while an import
  // is saved: it waits for the save and runs again.
  if (spec.kind === 'query') return spec.output.parse(await runWhenFree(ctx.db, () => handler(callCtx, parsed.data)));
  return writeWhenFree(ctx.db, () => {
    const value = spec.output.parse(handler(callCtx, parsed.data));
    audit(value);
    return value;
  });
}

function toApiError(error: unknown, method: string): ApiError {
  if (error instanceof MusterError) {
    return {
      code: error.code,
      message: error.message,
      ...(error.issues ? { issues: error.issues } : {}),
      ...(error.details ? { details: error.details } : {}),
    };
  }
  // The disk refused a write: the transaction rolled back, so the person at the desk must hear that nothing was
  // saved and what to do, not "something went wrong". The app keeps working once space or the disk is back.
  const storage = storageFailure(error);
  if (storage) {
    console.error(`[muster] ${method} could not write:`, error);
    return { code: storage, message: storageMessages[storage] };
  }
  if (storeBusy(error)) return { code: 'conflict', message: storeBusyMessage };
  // Unexpected: log the detail for the operator, give the caller nothing it could leak.
  console.error(`[muster] ${method} failed:`, error);
  return { code: 'internal', message: `Something went wrong in ${method}; nothing was saved.` };
}

function describe(method: unknown): string {
  if (typeof method !== 'string') return `of type ${typeof method}`;
  return JSON.stringify(method.length > 80 ? `${method.slice(0, 80)}…` : method);
}

function fail(error: ApiError): Result<never> {
  return { ok: false, error };
}
