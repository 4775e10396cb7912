import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '../../../shared/domain/account';
import type { VenueCredentials } from '../../../shared/domain/credentials';
import type { Snapshot } from '../../../shared/domain/snapshot';
import { VENUES, type Venue } from '../../../shared/domain/venue';
import type { ErrorCode } from '../../../shared/result';
import type { FaultKind, FaultSpec } from '../../simulator/faults';
import { forgetSharedMarkets } from '../exchanges/ccxt-client';
import { startLoopback, type Loopback } from '../exchanges/testing/loopback';
import { SnapshotService } from './snapshot-service';

/**
 * Every fault kind on every venue, through the snapshot service with one account per venue on the loopback
 * simulator: the faulted account turns `stale` with the right error code and an actionable message, keeps its
 * last good positions (their age is takenAt − lastOkAt), the other venues stay `ok`, and the next refresh after
 * the fault clears is `ok` again. Faults hit each venue's positions endpoint.
 */
const POSITIONS_ENDPOINT: Readonly<Record<Venue, string>> = {
  binance: '/fapi/v3/positionRisk',
  bybit: '/v5/position/list',
  okx: '/api/v5/account/positions',
  hyperliquid: 'info:clearinghouseState',
};
/** A field each venue's positions cannot do without (the mark, or what it is derived from on Hyperliquid). */
const MARK_FIELD: Readonly<Record<Venue, string>> = {
  binance: 'markPrice',
  bybit: 'markPrice',
  okx: 'markPx',
  hyperliquid: 'positionValue',
};
/** Long enough that no healthy call hits it on a loaded 2-core machine; the timeout cases wait this long. */
const TIMEOUT_MS = 1_500;

interface Expectation {
  readonly code: ErrorCode | null; // null: the venue is unaffected (e.g. unsigned Hyperliquid reads and clock skew)
  readonly message?: RegExp;
}

function expectation(kind: FaultKind, venue: Venue): Expectation {
  const name = { binance: 'Binance', bybit: 'Bybit', okx: 'OKX', hyperliquid: 'Hyperliquid' }[venue];
  switch (kind) {
    case 'rate-limit':
      return {
        code: 'rate_limited',
        message: new RegExp(`^${name} is rate-limiting this app's requests; the app waits 2 s`, 'u'),
      };
    case 'server-error':
      return { code: 'exchange_down', message: new RegExp(`^${name} is not available right now \\(HTTP 503\\)`, 'u') };
    case 'timeout':
      return {
        code: 'network',
        message: new RegExp(`^${name} did not answer within 1.5 s. Check your internet connection`, 'u'),
      };
    case 'malformed-json':
      return { code: 'exchange_down', message: /could not read \(malformed JSON\)/u };
    case 'missing-field':
      return {
        code: 'exchange_down',
        message: new RegExp(`^${name} sent incomplete data \\(markPrice missing for `, 'u'),
      };
    case 'auth-error':
      return venue === 'hyperliquid'
        ? { code: 'auth', message: /does not know this wallet address/u }
        : { code: 'auth', message: /API key/u };
    case 'permission-change':
      // A key that loses reading; Hyperliquid reads need no key, so nothing changes there.
      return venue === 'hyperliquid' ? { code: null } : { code: 'auth', message: /API key/u };
    case 'clock-skew':
      return venue === 'hyperliquid' ? { code: null } : { code: 'auth', message: /clock is off/u };
  }
}

function fault(kind: FaultKind, venue: Venue): FaultSpec {
  const endpoint = POSITIONS_ENDPOINT[venue];
  switch (kind) {
    case 'rate-limit':
      return { venue, kind, endpoint, retryAfterSeconds: 2 };
    case 'missing-field':
      return { venue, kind, endpoint, field: MARK_FIELD[venue] };
    case 'permission-change':
      return { venue, kind, profile: 'no-read' };
    case 'clock-skew':
      return { venue, kind, skewMs: 60_000 };
    default:
      return { venue, kind, endpoint };
  }
}

let loop: Loopback;
let dir: string;
let service: SnapshotService;
let clock = 1_800_000_000_000;

const accounts: Account[] = VENUES.map((venue) => ({
  accountId: `acc-${venue}`,
  venue,
  label: venue,
  keyHint: '…0001',
  permissions: { read: true, trade: false, withdraw: false, transfer: false, venueFlags: [], checkedAt: 0 },
  enabled: true,
  disabledReason: null,
  sessionOnly: false,
  demo: false,
  addedAt: 0,
}));

function credentials(venue: Venue): VenueCredentials {
  const spec = loop.sim.spec.accounts.find((a) => a.venue === venue)!;
  if (venue === 'hyperliquid') return { venue, walletAddress: spec.walletAddress! };
  if (venue === 'okx') return { venue, apiKey: spec.apiKey, secret: spec.secret, passphrase: spec.passphrase! };
  return { venue, apiKey: spec.apiKey, secret: spec.secret };
}

beforeAll(async () => {
  forgetSharedMarkets();
  loop = await startLoopback({ scenario: 'flash-selloff' });
  dir = await mkdtemp(path.join(os.tmpdir(), 'lg-faults-'));
  service = new SnapshotService({
    cacheDir: dir,
    emit: () => undefined,
    accounts: {
      list: () => Promise.resolve(accounts),
      credentialsFor: (id) =>
        Promise.resolve({ ok: true as const, value: credentials(accounts.find((a) => a.accountId === id)!.venue) }),
    },
    now: () => clock,
    transport: loop.environment().transport,
    environmentName: 'loopback-faults',
    enableRateLimit: false,
    timeoutMs: TIMEOUT_MS,
  });
  const first = await service.refresh();
  expect(first.statuses.map((s) => s.state)).toEqual(['ok', 'ok', 'ok', 'ok']);
});
afterAll(async () => {
  await loop.close();
  await rm(dir, { recursive: true, force: true });
});

const status = (snapshot: Snapshot, venue: Venue) => snapshot.statuses.find((s) => s.venue === venue)!;
const symbols = (snapshot: Snapshot, venue: Venue) =>
  snapshot.positions
    .filter((p) => p.venue === venue)
    .map((p) => p.symbol)
    .sort();

const KINDS: readonly FaultKind[] = [
  'rate-limit',
  'server-error',
  'timeout',
  'malformed-json',
  'missing-field',
  'auth-error',
  'permission-change',
  'clock-skew',
];
const CASES = KINDS.flatMap((kind) => VENUES.map((venue) => [kind, venue] as const));

describe('faults per venue and endpoint, through the snapshot service', () => {
  it.each(CASES)('%s on %s', async (kind, venue) => {
    loop.sim.clearFaults();
    clock += 10_000;
    const healthy = await service.refresh();
    expect(healthy.statuses.every((s) => s.state === 'ok')).toBe(true);
    const goodAt = status(healthy, venue).lastOkAt;
    const goodSymbols = symbols(healthy, venue);
    const others = VENUES.filter((v) => v !== venue);

    loop.sim.injectFault(fault(kind, venue));
    clock += 30_000;
    const faulted = await service.refresh();
    const expected = expectation(kind, venue);
    const mine = status(faulted, venue);
    if (expected.code === null) {
      expect(mine).toMatchObject({ state: 'ok', error: null, lastOkAt: clock });
    } else {
      // Stale, not blank: the last good positions stay, dated 30 s back.
      expect(mine).toMatchObject({ state: 'stale', lastOkAt: goodAt, error: { code: expected.code } });
      expect(mine.error?.message).toMatch(expected.message!);
      expect(faulted.takenAt - (mine.lastOkAt ?? 0)).toBe(30_000);
      expect(symbols(faulted, venue)).toEqual(goodSymbols);
    }
    for (const other of others)
      expect(status(faulted, other)).toMatchObject({ state: 'ok', error: null, lastOkAt: clock });
    // Every venue's markets are still there (kept pieces where a call failed).
    for (const v of VENUES) expect(faulted.markets.some((m) => m.venue === v)).toBe(true);

    loop.sim.clearFaults();
    clock += 10_000; // past any Retry-After
    const recovered = await service.refresh();
    expect(recovered.statuses.every((s) => s.state === 'ok')).toBe(true);
  });

  it('a missing optional field becomes null with a reason, and the account stays ok', async () => {
    loop.sim.clearFaults();
    clock += 10_000;
    loop.sim.injectFault({
      venue: 'binance',
      kind: 'missing-field',
      endpoint: POSITIONS_ENDPOINT.binance,
      field: 'liquidationPrice',
    });
    const snapshot = await service.refresh();
    expect(status(snapshot, 'binance').state).toBe('ok');
    const btc = snapshot.positions.find((p) => p.venue === 'binance' && p.symbol === 'BTC/USDT:USDT')!;
    expect(btc.exchangeLiquidationPrice).toBeNull();
    expect(btc.missing.map((m) => m.field)).toContain('exchangeLiquidationPrice');
    loop.sim.clearFaults();
  });

  it('a market-data fault leaves the account ok and the market with its last good piece', async () => {
    loop.sim.clearFaults();
    clock += 10_000;
    const before = await service.refresh();
    const book = before.markets.find((m) => m.venue === 'bybit' && m.symbol === 'BTC/USDT:USDT')?.orderBook;
    loop.sim.injectFault({ venue: 'bybit', kind: 'server-error', endpoint: '/v5/market/orderbook' });
    clock += 30_000;
    const after = await service.refresh();
    expect(status(after, 'bybit').state).toBe('ok');
    expect(after.markets.find((m) => m.venue === 'bybit' && m.symbol === 'BTC/USDT:USDT')?.orderBook).toEqual(book);
    loop.sim.clearFaults();
  });
});
