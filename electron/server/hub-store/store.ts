import type { VersionVector } from '../../core/sync/schema';
import type { ImportResult } from '../../core/sync/sync';

/** What a hub answers about an event: its version vector and the digest of its change set. */
export interface HubState {
  vector: VersionVector;
  digest: string;
}

/**
 * What a hub keeps. Two implementations answer the same sync protocol: the embedded SQLite replica (a venue hub,
 * `muster hub --data`) and PostgreSQL (headquarters, several hub processes on one database, `--database`).
 */
export interface HubStore {
  /** The hub's version vector and digest of the event, or null when it has never seen it. */
  status(eventId: string): Promise<HubState | null>;
  /** A sealed bundle of what a peer with `since` lacks. */
  pull(eventId: string, since: VersionVector | undefined, passphrase: string): Promise<Buffer>;
  /** Applies a kiosk's bundle (verified whole first, as any import); a refusal changes nothing. */
  push(eventId: string, bundle: Buffer, passphrase: string): Promise<ImportResult>;
  /**
   * Records a request's signature; false when it was already recorded (a replay). Kept where every hub instance
   * sees it, so a request replayed to another instance behind the same load balancer is refused too.
   */
  firstUse(signature: string, at: number, windowMs: number): Promise<boolean>;
  /** Resolves when the store can serve requests (the health endpoint asks it). */
  ping(): Promise<void>;
  /** Releases what the store holds (connections); the caller's data stays. */
  close(): Promise<void>;
}
