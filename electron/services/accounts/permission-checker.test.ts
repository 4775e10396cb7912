import { describe, expect, it } from 'vitest';
import type { VenueCredentials } from '../../../shared/domain/credentials';
import {
  createCcxtPermissionChecker,
  redactCredentials,
  venueReason,
  type FetchImplementation,
} from './permission-checker';

/**
 * The real ccxt checker with ccxt's HTTP replaced by a recording fake (exchanges-offline.md §8.1 transport (D)):
 * which request each venue's permission check makes (security.md §2 table: method, host, path, auth headers), and
 * how each kind of failure maps to the contract's error codes.
 */
interface Recorded {
  readonly url: string;
  readonly method: string;
  readonly headers: Record<string, string>;
}

function fakeVenue(answer: (url: string) => Response | Error) {
  const requests: Recorded[] = [];
  const fetchImplementation: FetchImplementation = (url, init) => {
    const headers = Object.fromEntries(Object.entries(init?.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    requests.push({ url, method: init?.method ?? 'GET', headers });
    const response = answer(url);
    return response instanceof Error ? Promise.reject(response) : Promise.resolve(response);
  };
  return { requests, checker: createCcxtPermissionChecker({ fetchImplementation, timeoutMs: 2_000 }) };
}
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const BINANCE: VenueCredentials = { venue: 'binance', apiKey: 'binKeyAAAA1111', secret: 'binSecretBBBB2222' };
const BYBIT: VenueCredentials = { venue: 'bybit', apiKey: 'bybKeyCCCC3333', secret: 'bybSecretDDDD4444' };
const OKX: VenueCredentials = {
  venue: 'okx',
  apiKey: 'okxKeyEEEE5555',
  secret: 'okxSecretFFFF6666',
  passphrase: 'okxPass77',
};

describe('the one request per venue (security.md §2 table)', () => {
  it('Binance: GET api.binance.com/sapi/v1/account/apiRestrictions, signed, with X-MBX-APIKEY', async () => {
    const { requests, checker } = fakeVenue(() => json(200, { enableReading: true, ipRestrict: false }));
    const checked = await checker.check(BINANCE);
    expect(checked).toMatchObject({ ok: true, value: { read: true, venueFlags: ['enableReading'] } });
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ method: 'GET', headers: { 'x-mbx-apikey': BINANCE.apiKey } });
    expect(requests[0]!.url).toMatch(
      /^https:\/\/api\.binance\.com\/sapi\/v1\/account\/apiRestrictions\?timestamp=\d+&recvWindow=\d+&signature=[0-9a-f]{64}$/u,
    );
  });

  it('Bybit: GET api.bybit.com/v5/user/query-api with X-BAPI-* headers', async () => {
    const { requests, checker } = fakeVenue(() =>
      json(200, {
        retCode: 0,
        retMsg: 'OK',
        result: { readOnly: 1, permissions: { ContractTrade: ['Position'] }, ips: ['*'] },
      }),
    );
    expect(await checker.check(BYBIT)).toMatchObject({ ok: true, value: { read: true } });
    expect(requests).toHaveLength(1);
    expect(requests[0]!.url).toMatch(/^https:\/\/api\.bybit\.com\/v5\/user\/query-api\??$/u);
    expect(requests[0]!.headers).toMatchObject({ 'x-bapi-api-key': BYBIT.apiKey });
    expect(Object.keys(requests[0]!.headers)).toEqual(expect.arrayContaining(['x-bapi-timestamp', 'x-bapi-sign']));
  });

  it('OKX: GET www.okx.com/api/v5/account/config with OK-ACCESS-* headers including the passphrase', async () => {
    const { requests, checker } = fakeVenue(() =>
      json(200, { code: '0', msg: '', data: [{ perm: 'read_only', ip: '' }] }),
    );
    expect(await checker.check(OKX)).toMatchObject({ ok: true, value: { read: true, venueFlags: ['read_only'] } });
    expect(requests).toHaveLength(1);
    expect(requests[0]!.url).toBe('https://www.okx.com/api/v5/account/config');
    expect(requests[0]!.headers).toMatchObject({ 'ok-access-key': OKX.apiKey, 'ok-access-passphrase': 'okxPass77' });
  });

  it('Hyperliquid: no request at all (a wallet address needs no key)', async () => {
    const { requests, checker } = fakeVenue(() => new Error('must not be called'));
    expect(
      await checker.check({ venue: 'hyperliquid', walletAddress: '0x5e1f0000000000000000000000000000000d3e00' }),
    ).toMatchObject({ ok: true, value: { read: true } });
    expect(requests).toEqual([]);
  });
});

describe('failures map to the contract error codes, never to an accepted key', () => {
  it.each([
    [
      'Binance -2015 (invalid key, IP or permissions)',
      BINANCE,
      () => json(401, { code: -2015, msg: 'Invalid API-key, IP, or permissions for action.' }),
      'auth',
      'Binance rejected this key: Invalid API-key, IP, or permissions for action. (code -2015)',
    ],
    [
      'Bybit 10003 invalid key',
      BYBIT,
      () => json(200, { retCode: 10003, retMsg: 'API key is invalid.', result: {}, retExtInfo: {}, time: 1 }),
      'auth',
      'Bybit rejected this key: API key is invalid. (code 10003)',
    ],
    [
      'OKX 50113 invalid sign',
      OKX,
      () => json(401, { code: '50113', msg: 'Invalid Sign', data: [] }),
      'auth',
      'OKX rejected this key: Invalid Sign (code 50113)',
    ],
    ['connection refused', BINANCE, () => new TypeError('fetch failed'), 'network', 'Binance could not be reached'],
    [
      'HTTP 429',
      OKX,
      () => json(429, { code: '50011', msg: 'Too Many Requests', data: [] }),
      'rate_limited',
      'OKX is rate-limiting',
    ],
    ['an answer without the permission fields', BINANCE, () => json(200, { foo: 1 }), 'internal', 'could not be read'],
  ] as const)('%s', async (_name, credentials, answer, code, words) => {
    const { checker } = fakeVenue(answer);
    const checked = await checker.check(credentials);
    expect(checked).toMatchObject({ ok: false, error: { code } });
    expect(checked.ok ? '' : checked.error.message).toContain(words);
  });

  it('a venue that echoes the key back cannot leak it into the message', async () => {
    const { checker } = fakeVenue(() => json(401, { code: -2014, msg: `API-key format invalid: ${BINANCE.apiKey}` }));
    const checked = await checker.check(BINANCE);
    expect(checked.ok).toBe(false);
    expect(checked.ok ? '' : checked.error.message).not.toContain(BINANCE.apiKey);
  });
});

describe('helpers', () => {
  it.each([
    [
      'binance {"code":-2015,"msg":"Invalid API-key, IP, or permissions for action."}',
      'Invalid API-key, IP, or permissions for action. (code -2015)',
    ],
    ['bybit {"retCode":10003,"retMsg":"API key is invalid.","result":{}}', 'API key is invalid. (code 10003)'],
    [
      'okx GET https://www.okx.com/api/v5/account/config 503 Service Unavailable',
      'GET https://www.okx.com/api/v5/account/config 503 Service Unavailable',
    ],
  ])('venueReason(%s)', (message, reason) => {
    expect(venueReason(message)).toBe(reason);
  });

  it('redacts key, secret and passphrase', () => {
    expect(redactCredentials(`a ${OKX.apiKey} b okxSecretFFFF6666 c okxPass77`, OKX)).toBe('a … b … c …');
  });
});
