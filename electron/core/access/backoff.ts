import { lockSeconds } from '../kiosk/pin';

/**
 * Wrong passphrases counted in memory, for the doors that have no database to count them in: the desktop before its
 * database is unlocked, and the database passphrase itself. The schedule is sign-in's and the kiosk PIN's
 * (kiosk/pin.ts): a few free mistakes, then 30 s, doubling, up to 15 minutes. Forgotten on restart, which costs an
 * attacker a restart plus scrypt's second per guess; no cheaper than the sign-in screen's own limit.
 */
export class Backoff {
  private failures = 0;
  private until = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Seconds until the next attempt may be checked; 0 when it may be now. */
  waitSeconds(): number {
    return Math.max(0, Math.ceil((this.until - this.now()) / 1000));
  }

  /** Counts a wrong attempt and answers how long the next one must wait. */
  failed(): number {
    this.failures += 1;
    const seconds = lockSeconds(this.failures);
    this.until = seconds > 0 ? this.now() + seconds * 1000 : 0;
    return seconds;
  }

  succeeded(): void {
    this.failures = 0;
    this.until = 0;
  }
}
