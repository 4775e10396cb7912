import type { Venue } from '../../shared/domain/venue';
import type { KeyProfile } from './keys';

/**
 * Fault injection per venue and endpoint. A rule applies to requests of its venue whose endpoint (the REST path,
 * e.g. `/fapi/v3/positionRisk`, or `info:<type>` on Hyperliquid) equals `endpoint`, or to every endpoint of the
 * venue when `endpoint` is omitted; `times` limits how many requests it hits.
 */
export const FAULT_KINDS = [
  'rate-limit',
  'server-error',
  'timeout',
  'malformed-json',
  'missing-field',
  'auth-error',
  'permission-change',
  'clock-skew',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export type FaultSpec =
  | {
      readonly venue: Venue;
      readonly kind: 'rate-limit';
      readonly endpoint?: string;
      readonly times?: number;
      readonly retryAfterSeconds?: number;
    }
  | {
      readonly venue: Venue;
      readonly kind: 'server-error' | 'timeout' | 'malformed-json' | 'auth-error';
      readonly endpoint?: string;
      readonly times?: number;
    }
  | {
      readonly venue: Venue;
      readonly kind: 'missing-field';
      readonly field: string;
      readonly endpoint?: string;
      readonly times?: number;
    }
  /** The venue's clock differs from ours by `skewMs` (default 60 s): signed requests fail the venue's time check. */
  | { readonly venue: Venue; readonly kind: 'clock-skew'; readonly skewMs?: number }
  /** The key's permissions change on the venue (all of the venue's keys, or just `apiKey`). */
  | {
      readonly venue: Venue;
      readonly kind: 'permission-change';
      readonly profile: KeyProfile;
      readonly apiKey?: string;
    };

export interface ActiveFault {
  readonly id: number;
  readonly spec: FaultSpec;
  remaining: number;
}

export class FaultPlan {
  private nextId = 1;
  private active: ActiveFault[] = [];

  add(spec: FaultSpec): number {
    const id = this.nextId++;
    const times = ('times' in spec ? spec.times : undefined) ?? Number.POSITIVE_INFINITY;
    this.active.push({ id, spec, remaining: times });
    return id;
  }

  remove(id: number): void {
    this.active = this.active.filter((f) => f.id !== id);
  }

  clear(): void {
    this.active = [];
  }

  /** The first request-level fault matching this request, consumed by one use. */
  take(venue: Venue, endpoint: string): FaultSpec | undefined {
    const hit = this.active.find(
      (f) =>
        f.spec.venue === venue &&
        f.remaining > 0 &&
        f.spec.kind !== 'clock-skew' &&
        f.spec.kind !== 'permission-change' &&
        (f.spec.endpoint === undefined || f.spec.endpoint === endpoint),
    );
    if (!hit) return undefined;
    hit.remaining -= 1;
    if (hit.remaining <= 0) this.remove(hit.id);
    return hit.spec;
  }

  /** The venue's clock offset from the skew faults in force (ms). */
  skewMs(venue: Venue): number {
    return this.active
      .filter((f) => f.spec.venue === venue && f.spec.kind === 'clock-skew')
      .reduce((sum, f) => sum + (f.spec.kind === 'clock-skew' ? (f.spec.skewMs ?? 60_000) : 0), 0);
  }
}
