import type { VenueCredentials } from '../../../shared/domain/credentials';
import { VENUE_LABELS, type Venue } from '../../../shared/domain/venue';
import { err, ok, type Result } from '../../../shared/result';
import { toClientCredentials, type ExchangeEnvironment } from '../exchanges/adapter';
import { createClient } from '../exchanges/ccxt-client';
import { productionTransport } from '../exchanges/transport';
import {
  interpretBinance,
  interpretBybit,
  interpretOkx,
  scalar,
  UnreadablePermissionsError,
  type KeyPermissionReport,
} from './permission-rules';

/**
 * Asks the venue what a key may do. Failures are Results: `auth` (the venue refused the key, with its reason),
 * `network`, `rate_limited`, `exchange_down`, or `internal` (an answer we could not read). Never throws.
 */
export interface KeyPermissionChecker {
  check(credentials: VenueCredentials): Promise<Result<KeyPermissionReport>>;
}

/**
 * ccxt's `fetchImplementation` hook (what it passes: method, headers, body, signal), used to route to the simulator
 * or the in-process demo. Structurally the same as `FetchImplementation` in exchanges/transport.ts.
 */
export type FetchImplementation = (
  url: string,
  init?: {
    readonly method?: string;
    readonly headers?: Record<string, string>;
    readonly body?: string | undefined;
    readonly signal?: AbortSignal;
  },
) => Promise<Response>;

export interface CcxtPermissionCheckerOptions {
  /**
   * Replaces ccxt's HTTP transport (simulator on loopback, demo in-process). Absent: the real venues over HTTPS
   * through `productionTransport()` (venue hosts only, no redirects).
   */
  readonly fetchImplementation?: FetchImplementation;
  /** Per-request timeout in ms (ccxt's default is 10 s). */
  readonly timeoutMs?: number;
}

/** The three implicit ccxt endpoints this checker calls (security.md §2; all GET, none can change anything). */
interface PermissionEndpoints {
  sapiGetAccountApiRestrictions?: () => Promise<unknown>;
  privateGetV5UserQueryApi?: () => Promise<unknown>;
  privateGetAccountConfig?: () => Promise<unknown>;
  fetchImplementation?: unknown;
}

/**
 * The real checker: Binance `sapiGetAccountApiRestrictions()` (apiRestrictions, on binanceusdm, whose `sapi` host is
 * api.binance.com), Bybit `privateGetV5UserQueryApi()` (query-api), OKX `privateGetAccountConfig()`
 * (account/config). Hyperliquid reads need only a wallet address, so there is nothing to check.
 */
export function createCcxtPermissionChecker(options: CcxtPermissionCheckerOptions = {}): KeyPermissionChecker {
  const fetchImplementation = options.fetchImplementation ?? productionTransport();
  return {
    async check(credentials) {
      if (credentials.venue === 'hyperliquid') {
        return ok({
          read: true,
          venueFlags: ['wallet address only (Hyperliquid reads are unsigned)'],
          grants: { trading: [], withdrawals: [], transfers: [] },
          unrecognised: [],
          cannotReadReason: null,
          notes: [],
        });
      }
      try {
        // The same client the adapters use (no request logging, no kept copy of the venue's answers), loading only
        // the venue's own ccxt class; one call, so no rate limiter.
        const environment: ExchangeEnvironment = {
          name: 'permission-check',
          transport: fetchImplementation,
          enableRateLimit: false,
          timeoutMs: options.timeoutMs ?? 10_000,
          marketsCache: null,
          now: Date.now,
        };
        const className = credentials.venue === 'binance' ? 'binanceusdm' : credentials.venue;
        const exchange = (await createClient(
          className,
          toClientCredentials(credentials),
          environment,
        )) as unknown as PermissionEndpoints;
        return ok(await askVenue(credentials.venue, exchange));
      } catch (error) {
        return mapCheckError(credentials, error);
      }
    },
  };
}

async function askVenue(
  venue: Exclude<Venue, 'hyperliquid'>,
  exchange: PermissionEndpoints,
): Promise<KeyPermissionReport> {
  const call = (method: (() => Promise<unknown>) | undefined) => {
    if (method === undefined) throw new UnreadablePermissionsError(`ccxt has no permission endpoint for ${venue}`);
    return method.call(exchange);
  };
  switch (venue) {
    case 'binance':
      return interpretBinance(await call(exchange.sapiGetAccountApiRestrictions));
    case 'bybit':
      return interpretBybit(await call(exchange.privateGetV5UserQueryApi));
    case 'okx':
      return interpretOkx(await call(exchange.privateGetAccountConfig));
  }
}

/** The venue's own words from a ccxt error message such as `binance {"code":-2015,"msg":"Invalid API-key, ..."}`. */
export function venueReason(message: string): string {
  const json = /\{.*\}/su.exec(message)?.[0];
  if (json !== undefined) {
    try {
      const body = JSON.parse(json) as Record<string, unknown>;
      const text = body['msg'] ?? body['retMsg'] ?? body['message'];
      const code = body['code'] ?? body['retCode'];
      if (typeof text === 'string' && text !== '') {
        return code === undefined ? text : `${text} (code ${scalar(code)})`;
      }
    } catch {
      // not JSON after all: fall through to the raw message
    }
  }
  return message.replace(/^[a-z]+ /u, '').slice(0, 300);
}

/** Replaces every credential value in a message with `…`, so a venue that echoes the key cannot leak it. */
export function redactCredentials(message: string, credentials: VenueCredentials): string {
  const values =
    credentials.venue === 'hyperliquid'
      ? []
      : [credentials.apiKey, credentials.secret, ...(credentials.venue === 'okx' ? [credentials.passphrase] : [])];
  return values.filter((value) => value.length > 0).reduce((text, value) => text.split(value).join('…'), message);
}

function mapCheckError(credentials: VenueCredentials, error: unknown): Result<never> {
  const name = VENUE_LABELS[credentials.venue];
  if (error instanceof UnreadablePermissionsError) {
    return err(
      'internal',
      `${name}'s permission answer could not be read (${error.message}), so the key is refused to be safe.`,
    );
  }
  const raw = error instanceof Error ? error.message : String(error);
  const reason = redactCredentials(venueReason(raw), credentials);
  const chain = errorClassChain(error);
  const is = (kind: string) => chain.has(kind);
  // Binance answers -2015 (invalid key, IP or permissions); depending on the endpoint ccxt raises it as
  // AuthenticationError or DDoSProtection, so it is matched on the venue's code first.
  if (credentials.venue === 'binance' && /"code":\s*-2015\b/u.test(raw)) {
    return err('auth', `${name} rejected this key: ${reason}`);
  }
  if (is('RateLimitExceeded') || is('DDoSProtection')) {
    return err(
      'rate_limited',
      `${name} is rate-limiting requests (${reason}); try the permission check again in a minute.`,
    );
  }
  if (is('InvalidNonce')) {
    return err(
      'auth',
      `${name} rejected the request's timestamp (${reason}): check that this computer's clock is correct.`,
    );
  }
  if (is('ExchangeNotAvailable') || is('OnMaintenance')) {
    return err('exchange_down', `${name} is not available right now (${reason}); try again later.`);
  }
  if (is('NetworkError')) {
    return err('network', `${name} could not be reached to check the key's permissions (${reason}).`);
  }
  if (is('ExchangeError')) {
    return err('auth', `${name} rejected this key: ${reason}`);
  }
  return err('internal', `The permission check on ${name} failed: ${reason}`);
}

/**
 * The names of the error's class and its ancestors (ccxt's hierarchy, e.g. PermissionDenied → AuthenticationError →
 * ExchangeError). Names, not instanceof: the classes come from whichever ccxt module file loaded them, and ccxt
 * stays external to every bundle, so the names are intact.
 */
function errorClassChain(error: unknown): Set<string> {
  const names = new Set<string>();
  let proto: unknown = typeof error === 'object' && error !== null ? Object.getPrototypeOf(error) : null;
  while (proto !== null && proto !== Object.prototype) {
    const name = (proto as { constructor?: { name?: string } }).constructor?.name;
    if (name) names.add(name);
    proto = Object.getPrototypeOf(proto);
  }
  return names;
}
