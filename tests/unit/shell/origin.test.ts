import { describe, expect, it } from 'vitest';
import { appEntryUrl, appOrigin, isAppUrl } from '../../../electron/main/origin';

describe('isAppUrl', () => {
  it('accepts the app origin and its pages', () => {
    expect(appOrigin).toBe('app://muster');
    for (const url of [appOrigin, appEntryUrl, 'app://muster/events/1?x=1#top']) {
      expect(isAppUrl(url)).toBe(true);
    }
  });

  it.each([
    'https://evil.example/',
    'http://127.0.0.1:5173/',
    'file:///work/main/dist/renderer/index.html',
    'app://evil/',
    'app://muster.evil.example/',
    'app://muster:8080/',
    'app://user:pw@muster/',
    'app://evil@muster/',
    'muster://app/',
    'about:blank',
    'data:text/html,<p>',
    'javascript:alert(1)',
    'not a url',
    '',
    null,
    undefined,
  ])('refuses %j', (url) => {
    expect(isAppUrl(url)).toBe(false);
  });
});
