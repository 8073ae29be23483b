import type { Input, MethodName, MusterApi, Output } from '../../../electron/core/api/contract';
import type { ApiError, ApiIssue, ErrorCode, ErrorDetails } from '../../../electron/core/api/errors';
import { createHttpApi } from './http';

/** Electron's preload provides window.muster; a browser (browser mode, Playwright) talks HTTP to the same contract. */
export function pickApi(win: Pick<Window, 'muster'> = window, fetchImpl?: typeof fetch): MusterApi {
  return win.muster ?? createHttpApi(fetchImpl);
}

/** A failed Result, thrown so react-query sees a failure; screens read `code` and `issues`, never parse messages. */
export class ApiCallError extends Error {
  readonly code: ErrorCode;
  readonly issues: ApiIssue[];
  /** Facts a refusal carries, such as when and where the first check-in happened for `already_checked_in`. */
  readonly details: ErrorDetails;

  constructor(
    readonly method: MethodName,
    error: ApiError,
  ) {
    super(error.message);
    this.name = 'ApiCallError';
    this.code = error.code;
    this.issues = error.issues ?? [];
    this.details = error.details ?? {};
  }
}

/** Calls one method and unwraps its Result: the value, or an ApiCallError. */
export async function call<M extends MethodName>(api: MusterApi, method: M, input: Input<M>): Promise<Output<M>> {
  const fn = api[method];
  const result = await fn(input);
  if (!result.ok) throw new ApiCallError(method, result.error);
  return result.value;
}
