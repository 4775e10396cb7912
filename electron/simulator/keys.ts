import type { Venue } from '../../shared/domain/venue';
import { VENUES } from '../../shared/domain/venue';
import type { AccountSpec } from './scenario-spec';

/**
 * API keys the simulator accepts, each with a permission profile that the venue's key-introspection endpoint
 * reports (Binance `sapi/v1/account/apiRestrictions`, Bybit `v5/user/query-api`, OKX `api/v5/account/config`;
 * security.md §2) and that gates private reads (a `no-read` key gets the venue's permission error).
 */
export const KEY_PROFILES = ['read-only', 'trade-enabled', 'withdraw-enabled', 'transfer-enabled', 'no-read'] as const;
export type KeyProfile = (typeof KEY_PROFILES)[number];

export interface SimKey {
  readonly venue: Venue;
  readonly apiKey: string;
  readonly secret: string;
  readonly passphrase: string | undefined;
  /** The scenario account whose data this key reads. */
  readonly accountId: string;
  profile: KeyProfile;
}

export interface SimCredentials {
  readonly apiKey: string;
  readonly secret: string;
  readonly passphrase?: string;
}

/**
 * Ready-made keys, one per venue and profile, reading the venue's first scenario account: tests pick a profile by
 * key string, e.g. `simKey('okx', 'trade-enabled')` → apiKey `sim-okx-trade-enabled`.
 */
export function simKey(venue: Venue, profile: KeyProfile): SimCredentials {
  const apiKey = `sim-${venue}-${profile}`;
  return venue === 'okx'
    ? { apiKey, secret: `${apiKey}-secret`, passphrase: `${apiKey}-passphrase` }
    : { apiKey, secret: `${apiKey}-secret` };
}

export class KeyRegistry {
  private readonly keys = new Map<string, SimKey>();
  private readonly original = new Map<string, KeyProfile>();

  constructor(accounts: readonly AccountSpec[]) {
    for (const account of accounts) {
      this.register({
        venue: account.venue,
        apiKey: account.apiKey,
        secret: account.secret,
        passphrase: account.passphrase,
        accountId: account.id,
        profile: 'read-only',
      });
    }
    for (const venue of VENUES) {
      const first = accounts.find((a) => a.venue === venue);
      if (!first) continue;
      for (const profile of KEY_PROFILES) {
        const credentials = simKey(venue, profile);
        this.register({ venue, ...credentials, passphrase: credentials.passphrase, accountId: first.id, profile });
      }
    }
  }

  register(key: SimKey): void {
    this.keys.set(`${key.venue}|${key.apiKey}`, { ...key });
    this.original.set(`${key.venue}|${key.apiKey}`, key.profile);
  }

  get(venue: Venue, apiKey: string | undefined): SimKey | undefined {
    return apiKey === undefined ? undefined : this.keys.get(`${venue}|${apiKey}`);
  }

  forVenue(venue: Venue): SimKey[] {
    return [...this.keys.values()].filter((k) => k.venue === venue);
  }

  /** The permission-change fault: the key's rights change on the venue while the app holds it. */
  setProfile(venue: Venue, apiKey: string, profile: KeyProfile): void {
    const key = this.get(venue, apiKey);
    if (!key) throw new Error(`simulator has no ${venue} key ${apiKey}`);
    key.profile = profile;
  }

  /** Puts every key back to the profile it was registered with. */
  restoreProfiles(): void {
    for (const [id, key] of this.keys) key.profile = this.original.get(id) ?? key.profile;
  }
}
