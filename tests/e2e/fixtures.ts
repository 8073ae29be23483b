import { test as base, expect, type APIRequestContext } from '@playwright/test';
import type { Input, MethodName, Output } from '../../electron/core/api/contract';
import { startServer, type MusterServer } from './server';
import { signIn, type SignedIn } from './sign-in';

interface Fixtures {
  /** A fresh `muster serve` on an empty data folder, for this test alone. */
  muster: MusterServer;
  /** Calls the API directly, to set up data or to check what was stored without going through the screens. */
  api: <M extends MethodName>(method: M, input: Input<M>) => Promise<Output<M>>;
  /** Console errors and uncaught exceptions; a CSP violation (inline script, eval) shows up here. */
  pageErrors: string[];
  /**
   * The page's browser context signed in as the administrator (set up on first run), with a staff member added; again
   * after every restart (sessions live in the server's memory). Automatic: a spec that imports `test` from here is
   * signed in. A context a spec makes itself signs in with `signIn(context.request, muster.url)` from ./sign-in.
   */
  signedIn: SignedIn;
  /** A device as first started: nobody set up, nobody signed in (`test.use({ firstRun: true })`). */
  firstRun: boolean;
}

export const test = base.extend<Fixtures>({
  // Playwright fixtures take their dependencies by destructuring, even when there are none.
  // eslint-disable-next-line no-empty-pattern
  muster: async ({}, use) => {
    const server = await startServer();
    await use(server);
    await server.stop();
  },
  // The page's own request context: it shares the page's cookies, so it is signed in as the page is.
  api: async ({ muster, page, signedIn }, use) => {
    void signedIn;
    await use((method, input) => callApi(page.request, muster.url, method, input));
  },
  firstRun: [false, { option: true }],
  signedIn: [
    async ({ muster, page, firstRun }, use) => {
      if (firstRun) return use({ adminId: '', staffId: '' });
      const restart = muster.restart.bind(muster);
      const who = await signIn(page.request, muster.url);
      Object.assign(muster, {
        restart: async () => {
          // The page leaves first: its polls (the hub status, the counters) would fail against a stopped server.
          await page.goto('about:blank');
          await restart();
          await signIn(page.request, muster.url);
        },
      });
      await use(who);
    },
    { auto: true },
  ],
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (message) => {
        // A refusal (4xx with a Result body) is an answer the screens show, not a fault; Chromium logs it anyway.
        const refusal = /^Failed to load resource: the server responded with a status of 4\d\d/.test(message.text());
        if (message.type() === 'error' && !refusal) errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      await use(errors);
      expect(errors, 'the page logged errors').toEqual([]);
    },
    { auto: true },
  ],
});

/** One API call as a browser context makes it (its cookies sign it in); a refusal throws with the core's message. */
export async function callApi<M extends MethodName>(
  request: APIRequestContext,
  base: string,
  method: M,
  input: Input<M>,
): Promise<Output<M>> {
  const response = await request.post(`${base}/api/${method}`, { data: input });
  const result = (await response.json()) as { ok: true; value: Output<M> } | { ok: false; error: { message: string } };
  if (!result.ok) throw new Error(`${method} failed: ${result.error.message}`);
  return result.value;
}

export { expect };
