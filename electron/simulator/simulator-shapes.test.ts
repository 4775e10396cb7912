import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  FIXTURES_PRESENT,
  FIXTURES_SKIP_REASON,
  recordedCase,
  shapeDifferences,
} from '../services/exchanges/testing/recorded-fixtures';
import { Simulator } from './simulator';

/**
 * The simulator's responses have the same fields with the same JSON types as ccxt's recorded responses of the
 * real venues (../shared/fixtures/ccxt), so the simulator cannot drift into a shape only our code accepts.
 * Fields the recording has that the simulator lacks, type mismatches, and simulator-only fields all fail, except
 * the extras listed per case with the reason.
 */
const sim = new Simulator({ scenario: 'flash-selloff' });

function binanceGet(host: string, path: string, query = ''): unknown {
  const { apiKey, secret } = sim.spec.accounts.find((a) => a.venue === 'binance')!;
  const payload = `timestamp=${Date.now()}${query ? `&${query}` : ''}&recvWindow=10000`;
  const signature = createHmac('sha256', secret).update(payload).digest('hex');
  const response = sim.handle({
    method: 'GET',
    url: `https://${host}${path}?${payload}&signature=${signature}`,
    headers: { 'X-MBX-APIKEY': apiKey },
    body: undefined,
  });
  expect(response.status).toBe(200);
  return JSON.parse(response.body) as unknown;
}

const publicGet = (url: string): unknown => {
  const response = sim.handle({ method: 'GET', url, headers: {}, body: undefined });
  expect(response.status).toBe(200);
  return JSON.parse(response.body) as unknown;
};

interface ShapeCase {
  readonly name: string;
  readonly recorded: () => unknown;
  readonly simulated: () => unknown;
  /** Simulator-only paths, each with why it is there. */
  readonly extras?: Readonly<Record<string, string>>;
}

const CASES: readonly ShapeCase[] = [
  {
    name: 'binance fapi/v3/positionRisk (fetchPositions[0])',
    recorded: () => recordedCase('binance', 'fetchPositions', 0).httpResponse,
    simulated: () => binanceGet('fapi.binance.com', '/fapi/v3/positionRisk'),
  },
  {
    name: 'binance dapi/v1/positionRisk (fetchPositions[3])',
    recorded: () => recordedCase('binance', 'fetchPositions', 3).httpResponse,
    simulated: () => binanceGet('dapi.binance.com', '/dapi/v1/positionRisk'),
  },
  {
    name: 'binance fapi account (fetchBalance[1])',
    recorded: () => recordedCase('binance', 'fetchBalance', 1).httpResponse,
    simulated: () => binanceGet('fapi.binance.com', '/fapi/v3/account'),
  },
  {
    name: 'binance dapi/v1/account (fetchMarginMode[1])',
    recorded: () => recordedCase('binance', 'fetchMarginMode', 1).httpResponse,
    simulated: () => binanceGet('dapi.binance.com', '/dapi/v1/account'),
  },
  {
    name: 'binance fapi/v1/symbolConfig (fetchMarginMode[0])',
    recorded: () => recordedCase('binance', 'fetchMarginMode', 0).httpResponse,
    simulated: () => binanceGet('fapi.binance.com', '/fapi/v1/symbolConfig'),
  },
  {
    name: 'binance fapi/v1/depth (fetchOrderBook[1])',
    recorded: () => recordedCase('binance', 'fetchOrderBook', 1).httpResponse,
    simulated: () => publicGet('https://fapi.binance.com/fapi/v1/depth?symbol=BTCUSDT&limit=5'),
  },
  {
    name: 'binance fapi/v1/klines (fetchOHLCV[2])',
    recorded: () => recordedCase('binance', 'fetchOHLCV', 2).httpResponse,
    simulated: () => publicGet('https://fapi.binance.com/fapi/v1/klines?interval=1m&limit=3&symbol=BTCUSDT'),
  },
];

describe.skipIf(!FIXTURES_PRESENT)(
  FIXTURES_PRESENT ? 'simulator response shapes match recorded venue responses' : FIXTURES_SKIP_REASON,
  () => {
    it.each(CASES)('$name', ({ recorded, simulated, extras = {} }) => {
      const differences = shapeDifferences(recorded(), simulated()).filter(
        (d) => !Object.keys(extras).some((path) => d.startsWith(`${path}:`)),
      );
      expect(differences).toEqual([]);
    });
  },
);
