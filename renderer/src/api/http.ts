import type { MusterApi } from '../../../electron/core/api/contract';
import type { ApiError, Result } from '../../../electron/core/api/errors';

type Fetch = typeof fetch;

/**
 * MusterApi over HTTP for browser mode: POST /api/<method> with the input as JSON, answered by a Result. Transport
 * failures become Results too, so screens handle exactly one shape whether the app runs in Electron or a browser.
 */
export function createHttpApi(fetchImpl: Fetch = (...args) => fetch(...args), base = ''): MusterApi {
  // A Proxy rather than a loop over the contract's method names: importing the contract's values would bundle every
  // domain's schemas (participants, check-in...) into the screens, which need only the types here.
  return new Proxy({} as MusterApi, {
    get: (_target, method) =>
      // Only "domain.method" names are calls; anything else (`then`, Symbol.toStringTag...) is not there.
      typeof method === 'string' && method.includes('.')
        ? (input: unknown) => post(fetchImpl, base, method, input)
        : undefined,
  });
}

async function post(fetchImpl: Fetch, base: string, method: string, input: unknown): Promise<Result<unknown>> {
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
