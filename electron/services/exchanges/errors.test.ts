import { describe, expect, it } from 'vitest';
import {
  IncompleteDataError,
  MalformedResponseError,
  NotPublishedError,
  toAppError,
  UnknownAccountError,
} from './errors';

/** ccxt's error classes (js/src/base/errors.js hierarchy) → the contract's closed union, with trader messages. */
function ccxtError(chain: readonly string[], message = 'x'): Error {
  // Build a prototype chain whose constructor names match ccxt's classes, most general first.
  let Base: new (m: string) => Error = Error;
  for (const name of chain) {
    const Parent = Base;
    Base = { [name]: class extends Parent {} }[name]!;
  }
  return new Base(message);
}

describe('toAppError', () => {
  it.each([
    [['BaseError', 'OperationFailed', 'NetworkError', 'RateLimitExceeded'], 'rate_limited', /rate-limiting/u],
    [['BaseError', 'OperationFailed', 'NetworkError', 'DDoSProtection'], 'rate_limited', /rate-limiting/u],
    [['BaseError', 'OperationFailed', 'NetworkError', 'RequestTimeout'], 'network', /did not answer/u],
    [['BaseError', 'OperationFailed', 'NetworkError', 'InvalidNonce'], 'auth', /clock/u],
    [['BaseError', 'OperationFailed', 'NetworkError', 'ExchangeNotAvailable'], 'exchange_down', /not available/u],
    [['BaseError', 'OperationFailed', 'NetworkError'], 'network', /Could not reach/u],
    [['BaseError', 'ExchangeError', 'AuthenticationError'], 'auth', /rejected the API key/u],
    [['BaseError', 'ExchangeError', 'AuthenticationError', 'PermissionDenied'], 'auth', /refused the API key/u],
    [['BaseError', 'ExchangeError', 'BadRequest', 'BadSymbol'], 'not_found', /does not list/u],
    [['BaseError', 'ExchangeError'], 'exchange_down', /did not explain/u],
  ] as const)('%j → %s', (chain, code, message) => {
    const error = toAppError('okx', ccxtError(chain));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });

  it('names Binance -2015 after a key once worked (ccxt raises DDoSProtection) as a key problem', () => {
    const error = ccxtError(
      ['BaseError', 'OperationFailed', 'NetworkError', 'DDoSProtection'],
      'binanceusdm {"code":-2015,"msg":"Invalid API-key"}',
    );
    expect(toAppError('binance', error).code).toBe('auth');
  });

  it.each([
    [new MalformedResponseError('x'), 'exchange_down', /malformed JSON/u],
    [new IncompleteDataError('BTC/USDT:USDT', 'markPrice'), 'exchange_down', /markPrice missing for BTC\/USDT:USDT/u],
    [new UnknownAccountError('x'), 'auth', /wallet address/u],
    [new NotPublishedError('Hyperliquid publishes no open-interest history'), 'not_found', /publishes no/u],
    [new TypeError('fetch failed'), 'network', /Could not reach/u],
    [new RangeError('bug'), 'internal', /inside the app \(bug\)/u],
  ] as const)('%s', (error, code, message) => {
    expect(toAppError('hyperliquid', error)).toMatchObject({
      code,
      message: expect.stringMatching(message) as unknown,
    });
  });

  it('states the rate limit wait and the timeout when known, and never echoes a request signature', () => {
    expect(
      toAppError('bybit', ccxtError(['BaseError', 'OperationFailed', 'NetworkError', 'RateLimitExceeded']), {
        retryAfterSeconds: 7,
      }).message,
    ).toMatch(/waits 7 s/u);
    expect(
      toAppError('bybit', ccxtError(['BaseError', 'OperationFailed', 'NetworkError', 'RequestTimeout']), {
        timeoutMs: 10_000,
      }).message,
    ).toMatch(/within 10 s/u);
    expect(toAppError('binance', new RangeError('GET /x?timestamp=1&signature=abcdef0123')).message).not.toContain(
      'abcdef0123',
    );
  });
});
