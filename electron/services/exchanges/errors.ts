import { VENUE_LABELS, type Venue } from '../../../shared/domain/venue';
import type { AppError } from '../../../shared/result';

/**
 * Maps whatever a venue call threw (a ccxt error class, a transport error, or one of ours) to the contract's
 * closed error union with a message a trader can act on. Raw exchange bodies and URLs (which carry request
 * signatures) never go into messages.
 */

/** The venue answered 2xx with a body that is not valid JSON. */
export class MalformedResponseError extends Error {
  override readonly name = 'MalformedResponseError';
}

/** The venue's answer parsed but lacked a value the app cannot do without (e.g. a position's mark price). */
export class IncompleteDataError extends Error {
  override readonly name = 'IncompleteDataError';
  constructor(
    readonly what: string,
    readonly field: string,
  ) {
    super(`${what}: ${field} missing`);
  }
}

/** The venue does not publish this data (e.g. Hyperliquid has no long/short ratio). Not a failure of the venue. */
export class NotPublishedError extends Error {
  override readonly name = 'NotPublishedError';
}

/** The venue does not know the account (Hyperliquid: the wallet address). */
export class UnknownAccountError extends Error {
  override readonly name = 'UnknownAccountError';
}

/** ccxt error class names, most specific first (ccxt/js/src/base/errors.js hierarchy). */
function ccxtClassChain(error: unknown): string[] {
  const names: string[] = [];
  let proto: unknown = error !== null && typeof error === 'object' ? Object.getPrototypeOf(error) : null;
  while (proto !== null && proto !== Object.prototype) {
    const ctor = (proto as { constructor?: { name?: string } }).constructor;
    if (ctor?.name) names.push(ctor.name);
    proto = Object.getPrototypeOf(proto);
  }
  return names;
}

export interface ErrorContext {
  /** Seconds the venue asked us to wait (Retry-After), when known. */
  readonly retryAfterSeconds?: number | null;
  /** The client's request timeout, for the timeout message. */
  readonly timeoutMs?: number;
}

export function toAppError(venue: Venue, error: unknown, context: ErrorContext = {}): AppError {
  const name = VENUE_LABELS[venue];
  const chain = ccxtClassChain(error);
  const has = (cls: string) => chain.includes(cls);
  const message = error instanceof Error ? error.message : String(error);

  if (error instanceof IncompleteDataError) {
    return {
      code: 'exchange_down',
      message: `${name} sent incomplete data (${error.field} missing for ${error.what}). Showing the last complete data; the app retries on the next refresh.`,
    };
  }
  if (error instanceof MalformedResponseError) {
    return {
      code: 'exchange_down',
      message: `${name} sent a response the app could not read (malformed JSON). Showing the last good data; the app retries on the next refresh.`,
    };
  }
  if (error instanceof NotPublishedError) return { code: 'not_found', message: error.message };
  if (error instanceof UnknownAccountError) {
    return {
      code: 'auth',
      message: `${name} does not know this wallet address. Check the address in Accounts: use your master (or sub-account) address, not an API wallet.`,
    };
  }
  // Binance answers -2015 to a key that was revoked after it once worked; ccxt then raises DDoSProtection.
  const binanceKeyRejected = venue === 'binance' && /"code":\s*-2015/u.test(message);
  if (has('InvalidNonce')) {
    return {
      code: 'auth',
      message: `${name} rejected the request because this computer's clock is off by more than ${name} allows. Turn on automatic date and time in your system settings; the app retries on the next refresh.`,
    };
  }
  if (has('PermissionDenied') || binanceKeyRejected) {
    return {
      code: 'auth',
      message: `${name} refused the API key (invalid key, IP restriction, or reading not permitted). Check the key's permissions on ${name} or add a new read-only key in Accounts.`,
    };
  }
  if (has('AuthenticationError') || has('AccountSuspended')) {
    return {
      code: 'auth',
      message: `${name} rejected the API key or its signature. Check the key and secret in Accounts, or create a new read-only key on ${name}.`,
    };
  }
  if (has('RateLimitExceeded') || has('DDoSProtection'))
    return rateLimitedError(venue, context.retryAfterSeconds ?? null);
  if (has('RequestTimeout')) {
    const seconds = context.timeoutMs ? Math.round(context.timeoutMs / 100) / 10 : null;
    return {
      code: 'network',
      message: `${name} did not answer${seconds ? ` within ${seconds} s` : ' in time'}. Check your internet connection; the app retries on the next refresh.`,
    };
  }
  if (has('OnMaintenance') || has('ExchangeNotAvailable')) {
    const status = /\b(5\d\d)\b/u.exec(message)?.[1];
    return {
      code: 'exchange_down',
      message: `${name} is not available right now${status ? ` (HTTP ${status})` : ''}. This is usually temporary; the app retries on the next refresh.`,
    };
  }
  if (has('NetworkError') || error instanceof TypeError) {
    return {
      code: 'network',
      message: `Could not reach ${name}. Check your internet connection, VPN or proxy; the app retries on the next refresh.`,
    };
  }
  if (has('BadResponse') || has('NullResponse')) {
    return {
      code: 'exchange_down',
      message: `${name} sent a response the app could not use. Showing the last good data; the app retries on the next refresh.`,
    };
  }
  if (has('BadSymbol')) {
    return { code: 'not_found', message: `${name} does not list this market any more.` };
  }
  if (has('ExchangeError') || has('OperationFailed')) {
    return {
      code: 'exchange_down',
      message: `${name} returned an error it did not explain. The app retries on the next refresh; if it persists, check ${name}'s status page.`,
    };
  }
  return {
    code: 'internal',
    message: `Reading ${name} failed inside the app (${truncate(message)}). Please report this; other venues are unaffected.`,
  };
}

/** The venue asked us to slow down (HTTP 429); `seconds` is its Retry-After when it gave one. */
export function rateLimitedError(venue: Venue, seconds: number | null): AppError {
  return {
    code: 'rate_limited',
    message: `${VENUE_LABELS[venue]} is rate-limiting this app's requests${seconds ? `; the app waits ${seconds} s before asking again` : '; the app slows down and retries'}. The figures shown are from the last successful refresh.`,
  };
}

function truncate(text: string): string {
  const clean = text.replace(/signature=[0-9a-f]+/giu, 'signature=…');
  return clean.length > 120 ? `${clean.slice(0, 117)}…` : clean;
}
