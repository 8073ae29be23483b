import { methodNames, type MethodName, type MusterApi } from '../../../electron/core/api/contract';
import type { ApiError, Result } from '../../../electron/core/api/errors';

type Fetch = typeof fetch;

/**
 * MusterApi over HTTP for browser mode: POST /api/<method> with the input as JSON, answered by a Result. Transport
 * failures become Results too, so screens handle exactly one shape whether the app runs in Electron or a browser.
 */
export function createHttpApi(fetchImpl: Fetch = (...args) => fetch(...args), base = ''): MusterApi {
  const api: Partial<Record<MethodName, unknown>> = {};
  for (const method of methodNames) api[method] = (input: unknown) => post(fetchImpl, base, method, input);
  // Every method was filled in just above; TypeScript cannot follow a loop over a key list.
  return api as MusterApi;
}

async function post(fetchImpl: Fetch, base: string, method: MethodName, input: unknown): Promise<Result<unknown>> {
  let response: Response;
  try {
    response = await fetchImpl(`${base}/api/${encodeURIComponent(method)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(input ?? {}),
    });
  } catch {
    return failure('Muster could not reach its service. Is it still running?');
  }
  const body: unknown = await response.json().catch(() => null);
  if (isResult(body)) return body;
  return failure(`Muster's service answered ${response.status} without a result.`);
}

function isResult(body: unknown): body is Result<unknown> {
  if (typeof body !== 'object' || body === null || !('ok' in body)) return false;
  return body.ok === true ? 'value' in body : body.ok === false && 'error' in body;
}

function failure(message: string): Result<never> {
  const error: ApiError = { code: 'internal', message };
  return { ok: false, error };
}
