import type { Venue } from '../../shared/domain/venue';
import { AccountModel } from './account-model';
import { FaultPlan, type FaultSpec } from './faults';
import { KeyRegistry } from './keys';
import { MarketModel } from './market-model';
import type { ScenarioSpec } from './scenario-spec';
import { loadScenario, type ScenarioId } from './scenarios/index';
import { binanceApi } from './venues/binance';
import { bybitApi } from './venues/bybit';
import { hyperliquidApi } from './venues/hyperliquid';
import { okxApi } from './venues/okx';
import { json, type ParsedRequest, type SimRequest, type SimResponse, type VenueApi } from './venues/venue-api';

/**
 * The exchange simulator: one router for the four venues, dispatching on the original host and path of each
 * request (so ccxt keeps its real https:// URLs). It verifies each venue's signature scheme, serves the scenario's
 * market and account state at the scenario clock's time, injects faults, answers 404 for anything it does not
 * know, and logs every request for assertions. Transports: `http-server.ts` (loopback) and `transport.ts`
 * (in-process WHATWG Response for demo mode).
 */
export interface ScenarioClock {
  now(): number;
}

/** A clock the tests move by hand. */
export class ManualClock implements ScenarioClock {
  constructor(private ms: number) {}
  now(): number {
    return this.ms;
  }
  set(ms: number): void {
    this.ms = ms;
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

/** Scenario time that follows the wall clock from `startMs` (demo mode), optionally faster. */
export class RealTimeClock implements ScenarioClock {
  private readonly wallStart: number;
  constructor(
    private readonly startMs: number,
    private readonly wall: () => number = Date.now,
    private readonly speed = 1,
  ) {
    this.wallStart = wall();
  }
  now(): number {
    return this.startMs + Math.floor((this.wall() - this.wallStart) * this.speed);
  }
}

export interface RequestLogEntry {
  readonly seq: number;
  readonly venue: Venue | null;
  readonly method: string;
  readonly host: string;
  readonly path: string;
  readonly endpoint: string | null;
  readonly query: string;
  readonly signed: boolean;
  readonly apiKey: string | null;
  readonly status: number;
  readonly fault: FaultSpec['kind'] | null;
}

export interface SimulatorOptions {
  readonly scenario: ScenarioId | ScenarioSpec;
  /** Epoch ms of the scenario's minute 0 (default 2024-08-03 12:00 UTC, a Saturday). */
  readonly startMs?: number;
  /** Scenario time; default a ManualClock at `startMs`. */
  readonly clock?: ScenarioClock;
  /** The venues' wall clock for signature timestamps (ccxt signs with Date.now()). */
  readonly wallClock?: () => number;
}

export const DEFAULT_START_MS = Date.UTC(2024, 7, 3, 12, 0, 0);

const VENUE_APIS: readonly VenueApi[] = [binanceApi, bybitApi, okxApi, hyperliquidApi];

export class Simulator {
  readonly spec: ScenarioSpec;
  readonly market: MarketModel;
  readonly accounts: AccountModel;
  readonly keys: KeyRegistry;
  readonly faults = new FaultPlan();
  readonly clock: ScenarioClock;
  readonly log: RequestLogEntry[] = [];
  private readonly wallClock: () => number;
  private readonly apis: ReadonlyMap<string, VenueApi>;
  private seq = 0;

  constructor(options: SimulatorOptions) {
    this.spec = typeof options.scenario === 'string' ? loadScenario(options.scenario) : options.scenario;
    const startMs = options.startMs ?? DEFAULT_START_MS;
    this.clock = options.clock ?? new ManualClock(startMs);
    this.market = new MarketModel(this.spec, startMs);
    this.accounts = new AccountModel(this.spec, this.market);
    this.keys = new KeyRegistry(this.spec.accounts);
    this.wallClock = options.wallClock ?? Date.now;
    this.apis = new Map(VENUE_APIS.flatMap((api) => api.hosts.map((host) => [host, api] as const)));
  }

  /** Every host the simulator answers for: the transports' allow-list. */
  get hosts(): readonly string[] {
    return [...this.apis.keys()];
  }

  /** Injects a fault; returns an id for `removeFault`. A permission change applies at once to the venue's keys. */
  injectFault(spec: FaultSpec): number {
    if (spec.kind === 'permission-change') {
      for (const key of this.keys.forVenue(spec.venue)) {
        if (spec.apiKey === undefined || spec.apiKey === key.apiKey) key.profile = spec.profile;
      }
    }
    return this.faults.add(spec);
  }

  removeFault(id: number): void {
    this.faults.remove(id);
  }

  /** Removes every fault and restores every key's original permissions. */
  clearFaults(): void {
    this.faults.clear();
    this.keys.restoreProfiles();
  }

  clearLog(): void {
    this.log.length = 0;
  }

  /** Handles one request as the venue would. Never throws: unknown requests get a 404. */
  handle(request: SimRequest): SimResponse {
    const req = parse(request);
    const api = req ? this.apis.get(req.host) : undefined;
    const route = req && api ? api.route(req) : undefined;
    if (!req || !api || !route) {
      return this.record(
        req,
        api?.venue ?? null,
        null,
        false,
        null,
        null,
        json(404, { error: 'not found in simulator' }),
      );
    }
    const venue = api.venue;
    const apiKeyHeader =
      req.headers['x-mbx-apikey'] ?? req.headers['x-bapi-api-key'] ?? req.headers['ok-access-key'] ?? null;
    const fault = this.faults.take(venue, route.endpoint);
    const done = (response: SimResponse, faultKind: FaultSpec['kind'] | null = fault?.kind ?? null) =>
      this.record(req, venue, route.endpoint, route.signed, apiKeyHeader, faultKind, response);

    if (fault) {
      switch (fault.kind) {
        case 'rate-limit':
          return done(api.rateLimited(fault.retryAfterSeconds ?? 2));
        case 'server-error':
          return done(api.serverError());
        case 'timeout':
          return done({ status: 0, headers: {}, body: '', hang: true });
        case 'auth-error':
          return done(api.authError(req));
        default:
          break; // malformed-json and missing-field alter the normal response below
      }
    }

    let key;
    if (route.signed) {
      const auth = api.authenticate(req, this.keys, this.wallClock() + this.faults.skewMs(venue));
      if ('response' in auth) return done(auth.response, this.faults.skewMs(venue) !== 0 ? 'clock-skew' : null);
      key = auth.key;
      if (route.needsRead && key.profile === 'no-read') return done(api.permissionDenied(), null);
    }
    const result = route.handle(
      { market: this.market, accounts: this.accounts, now: this.clock.now(), wallNow: this.wallClock() },
      req,
      key,
    );
    if ('response' in result) return done(result.response);
    let body: unknown = result.json;
    if (fault?.kind === 'missing-field') body = withoutField(body, fault.field);
    const response = json(result.status ?? 200, body);
    if (fault?.kind === 'malformed-json') {
      return done({ ...response, body: response.body.slice(0, Math.max(1, Math.floor(response.body.length / 2))) });
    }
    return done(response);
  }

  private record(
    req: ParsedRequest | undefined,
    venue: Venue | null,
    endpoint: string | null,
    signed: boolean,
    apiKey: string | null,
    fault: FaultSpec['kind'] | null,
    response: SimResponse,
  ): SimResponse {
    this.log.push({
      seq: ++this.seq,
      venue,
      method: req?.method ?? '?',
      host: req?.host ?? '?',
      path: req?.path ?? '?',
      endpoint,
      query: req?.rawQuery ?? '',
      signed,
      apiKey,
      status: response.hang ? 0 : response.status,
      fault,
    });
    if (this.log.length > 20_000) this.log.splice(0, 10_000);
    return response;
  }
}

function parse(request: SimRequest): ParsedRequest | undefined {
  const match = /^https:\/\/([^/?#]+)(\/[^?#]*)?(?:\?([^#]*))?$/u.exec(request.url);
  const host = match?.[1];
  if (!match || host === undefined) return undefined;
  const rawQuery = match[3] ?? '';
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = value;
  return {
    method: request.method.toUpperCase(),
    host: host.toLowerCase(),
    path: match[2] ?? '/',
    rawQuery,
    query: new URLSearchParams(rawQuery),
    headers,
    body: request.body ?? '',
  };
}

/** The missing-field fault: the named field removed from every object in the body. */
function withoutField(value: unknown, field: string): unknown {
  if (Array.isArray(value)) return value.map((v) => withoutField(v, field));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([k]) => k !== field)
        .map(([k, v]) => [k, withoutField(v, field)]),
    );
  }
  return value;
}
