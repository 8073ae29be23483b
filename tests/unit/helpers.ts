import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import type { Input, MethodName, Output } from '../../electron/core/api/contract';
import { dispatch } from '../../electron/core/api/dispatch';
import type { ApiError } from '../../electron/core/api/errors';
import { openCore, type Core, type OpenCoreOptions } from '../../electron/core/context';

const cleanups: (() => void)[] = [];

afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

/** A fresh folder removed after the test. */
export function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'muster-test-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A core on a real SQLite file in a fresh folder, closed after the test. */
export function tempCore(options: OpenCoreOptions = {}): Core {
  const core = openCore(path.join(tempDir(), 'muster.sqlite'), options);
  cleanups.push(() => {
    if (core.ctx.db.open) core.close();
  });
  return core;
}

export async function ok<M extends MethodName>(core: Core, method: M, input: Input<M>): Promise<Output<M>> {
  const result = await dispatch(core.ctx, method, input);
  if (!result.ok) throw new Error(`${method} failed: ${JSON.stringify(result.error)}`);
  return result.value as Output<M>;
}

export async function refused(core: Core, method: string, input: unknown): Promise<ApiError> {
  const result = await dispatch(core.ctx, method, input);
  if (result.ok) throw new Error(`${method} was expected to fail but returned ${JSON.stringify(result.value)}`);
  return result.error;
}

export { nairobi } from '../fixtures/workshop';

export function changeCount(core: Core): number {
  return core.ctx.db.prepare('SELECT count(*) FROM changes').pluck().get() as number;
}
