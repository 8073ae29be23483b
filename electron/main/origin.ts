/**
 * Where the app's own pages live. Every trust decision in the shell (IPC, navigation, permissions) asks this module,
 * so "is this us?" has one answer.
 */
export const appScheme = 'app';
export const appHost = 'muster';
export const appOrigin = `${appScheme}://${appHost}`;
export const appEntryUrl = `${appOrigin}/`;

/**
 * True only for app://muster URLs. Compares scheme and host rather than `URL.origin`, because WHATWG URL reports the
 * origin of a non-special scheme as "null" under Node. Credentials or a port mean someone is crafting the URL.
 */
export function isAppUrl(url: string | null | undefined): boolean {
  if (!url) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${appScheme}:` &&
    parsed.host === appHost &&
    parsed.username === '' &&
    parsed.password === '' &&
    parsed.port === ''
  );
}
