import { randomBytes } from 'node:crypto';
import type { Role } from './schema';

/**
 * One sign-in, kept by the transport (per window in Electron, per cookie in browser mode) and handed to dispatch
 * with every call. Only the core changes it (access.* handlers); nothing the renderer sends can.
 */
export interface Session {
  /**
   * `secretHash` is the stored hash of the secret this session signed in with: an administrator who resets a leaked
   * PIN or passphrase signs out every session made with the old one. Kept in the main process only.
   */
  member: { id: string; role: Role; secretHash?: string } | null;
  /** When someone last used the staff side (a call that changes something, or access.touch from a key or a tap). */
  lastActive: number;
  /** Idle for longer than the setting: staff methods answer `locked` until the member's secret is given again. */
  locked: boolean;
}

export interface Caller {
  session: Session;
  /**
   * A person at one of the app's screens (a window, a browser): their session locks when left idle, and the staff
   * side is shut to them while the device is a kiosk. Not so for the command line, the administrator at the
   * machine's shell, who can read the database file anyway.
   */
  atScreen: boolean;
}

export function newSession(): Session {
  return { member: null, lastActive: 0, locked: false };
}

/** The actor recorded for the command line: the administrator at the machine's shell. */
export const commandLineActor = 'command-line';

/** The administrator acting from the machine's shell (the `muster` commands, loaders, tests that call dispatch). */
export function commandLineCaller(): Caller {
  return {
    session: { member: { id: commandLineActor, role: 'admin' }, lastActive: 0, locked: false },
    atScreen: false,
  };
}

/** A caller for a transport's session: signed out until access.signIn, and locked when left idle. */
export function sessionCaller(session: Session): Caller {
  return { session, atScreen: true };
}

/**
 * Browser mode's sessions, by an unguessable token the HTTP transport keeps in an HttpOnly SameSite=Strict cookie.
 * A session is kept only once someone signed in with it, so requests without a cookie cannot fill the store. In
 * memory only: restarting `muster serve` signs everyone out, which is the safe direction.
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly limit = 1000) {}

  get(token: string | undefined): Session | undefined {
    return token === undefined ? undefined : this.sessions.get(token);
  }

  /** Forgets a token: the session it named goes on only under the token `keep` gives it next. */
  forget(token: string): void {
    this.sessions.delete(token);
  }

  /** Keeps a session that has just been signed in, and gives the token that names it. */
  keep(session: Session): string {
    while (this.sessions.size >= this.limit) {
      const oldest = this.sessions.keys().next().value;
      if (oldest === undefined) break;
      this.sessions.delete(oldest);
    }
    const token = randomBytes(32).toString('base64url');
    this.sessions.set(token, session);
    return token;
  }
}
